package com.pokegen.engine.export.onnx;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.pokegen.engine.pipeline.DiffusionPipeline;
import com.pokegen.engine.pipeline.GenerationRequest;
import com.pokegen.engine.pipeline.TextToImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped student on both backends: libtorch fp32 (the engine) against ONNX Runtime with
 * fp32, fp16 and int8 weights, 1 image at 1 and 4 steps. Time per image: medians of interleaved
 * rounds in this JVM (a busy machine slows all configurations alike). Peak memory: each
 * configuration in a fresh child JVM that loads only that backend and draws one image at 1 and at
 * 4 steps; its peak resident set (VmHWM) and the resident set before loading (VmRSS) are printed.
 * File sizes: the UNet and decoder files of each precision (libtorch: the shipped safetensors).
 * Everything printed is measured in this run; nothing is asserted.
 *
 * <p>Run: {@code ./mvnw -B -o -Pbench -pl engine test -Dtest=OnnxBenchmark} (add
 * {@code -Dtest.omp.threads=1} on a busy machine: libtorch's OpenMP threads spin-wait on each
 * other there; ORT then gets one intra-op thread too).
 */
@Tag("bench")
class OnnxBenchmark {

    private static final Path STUDENT = Path.of("../models/pokemon-tiny-student");
    private static final int WARMUP = 2;
    private static final int ROUNDS = 7;
    private static final String PROMPT = "a red fire type pokemon with wings";

    @TempDir
    Path tmp;

    interface Backend extends AutoCloseable {
        TextToImage t2i();

        @Override
        void close();
    }

    static Backend open(String config, Path model, Path export) throws IOException {
        if (config.equals("libtorch-fp32")) {
            DiffusionPipeline p = DiffusionPipeline.load(model);
            TextToImage t = TextToImage.of(p);
            return new Backend() {
                public TextToImage t2i() {
                    return t;
                }

                public void close() {
                    p.close();
                }
            };
        }
        OnnxPipeline p = OnnxPipeline.open(export, WeightPrecision.parse(config.substring("ort-".length())));
        TextToImage t = p.textToImage();
        return new Backend() {
            public TextToImage t2i() {
                return t;
            }

            public void close() {
                p.close();
            }
        };
    }

    static GenerationRequest request(int steps, long seed) {
        return GenerationRequest.builder().setPrompts(List.of(PROMPT)).setSeeds(seed).optSteps(steps).build();
    }

    @Test
    void libtorchVersusOnnxRuntime() throws Exception {
        assumeTrue(Files.isDirectory(STUDENT), "no shipped student");
        // -Dpokegen.bench.onnx=DIR reuses an export of the shipped student (saves minutes)
        String reuse = System.getProperty("pokegen.bench.onnx");
        Path export = reuse != null && Files.isRegularFile(Path.of(reuse, OnnxExport.MANIFEST)) ? Path.of(reuse)
                : OnnxExport.export(STUDENT, tmp.resolve("onnx"), EnumSet.allOf(WeightPrecision.class), false).folder();
        // the same thread count for both backends: libtorch's OMP_NUM_THREADS, ORT's intra-op pool
        String omp = System.getenv("OMP_NUM_THREADS");
        if (omp != null) {
            System.setProperty(OrtNetwork.THREADS_PROPERTY, omp);
        }
        List<String> configs = List.of("libtorch-fp32", "ort-fp32", "ort-fp16", "ort-int8");
        int[] stepCounts = {1, 4};
        Map<String, List<Double>> times = new LinkedHashMap<>();
        List<Backend> backends = new ArrayList<>();
        try {
            for (String c : configs) {
                backends.add(open(c, STUDENT, export));
                for (int s : stepCounts) {
                    times.put(c + "/" + s, new ArrayList<>());
                }
            }
            for (int round = 0; round < WARMUP + ROUNDS; round++) {
                for (int s : stepCounts) {
                    for (int i = 0; i < configs.size(); i++) {
                        long t0 = System.nanoTime();
                        backends.get(i).t2i().generate(request(s, round));
                        double ms = (System.nanoTime() - t0) / 1e6;
                        if (round >= WARMUP) {
                            times.get(configs.get(i) + "/" + s).add(ms);
                        }
                    }
                }
            }
        } finally {
            backends.forEach(Backend::close);
        }
        Map<String, long[]> memory = new LinkedHashMap<>();
        for (String c : configs) {
            memory.put(c, childPeakRss(c, export));
        }
        System.out.printf("%nOnnxBenchmark: %s, 1 image 64x64, medians of %d interleaved rounds, %d cores,"
                + " OMP_NUM_THREADS=%s, ORT intra-op threads=%s%n", STUDENT.getFileName(), ROUNDS,
                Runtime.getRuntime().availableProcessors(), omp, omp == null ? "ORT default" : omp);
        System.out.printf("  %-14s %12s %12s %10s %10s %14s %14s %16s%n", "backend", "1 step ms", "4 steps ms",
                "1 st. x", "4 st. x", "peak RSS MB", "RSS+ MB", "UNet+dec bytes");
        double base1 = median(times.get("libtorch-fp32/1"));
        double base4 = median(times.get("libtorch-fp32/4"));
        for (String c : configs) {
            double m1 = median(times.get(c + "/1"));
            double m4 = median(times.get(c + "/4"));
            long[] mem = memory.get(c);
            System.out.printf("  %-14s %12.1f %12.1f %10.2f %10.2f %14.0f %14.0f %,16d%n", c, m1, m4, base1 / m1,
                    base4 / m4, mem[0] / 1024.0, (mem[0] - mem[1]) / 1024.0, fileBytes(c, export));
        }
        System.out.println("  x = libtorch time / this time (above 1: faster than libtorch). RSS+ = peak minus the"
                + " child JVM's resident set before loading the model.");
    }

    private static long fileBytes(String config, Path export) throws IOException {
        if (config.equals("libtorch-fp32")) {
            return Files.size(STUDENT.resolve("unet/diffusion_pytorch_model.safetensors"))
                    + Files.size(STUDENT.resolve("vae/diffusion_pytorch_model.safetensors"));
        }
        String file = WeightPrecision.parse(config.substring(4)).fileName();
        return Files.size(export.resolve("unet").resolve(file)) + Files.size(export.resolve("vae_decoder").resolve(file));
    }

    /** {peak RSS, RSS before loading} in kB of a child JVM running {@link MemoryProbe}. */
    private static long[] childPeakRss(String config, Path export) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx2g", "-Dai.djl.offline=true", "-Dai.djl.default_engine=PyTorch",
                "-D" + OrtNetwork.THREADS_PROPERTY + "=" + System.getProperty(OrtNetwork.THREADS_PROPERTY, "0"),
                "-cp", System.getProperty("java.class.path"), MemoryProbe.class.getName(), config,
                STUDENT.toAbsolutePath().toString(), export.toAbsolutePath().toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("memory probe for " + config + " failed:\n" + out);
        }
        long peak = -1;
        long before = -1;
        for (String line : out.split("\n")) {
            if (line.startsWith("PEAK_KB=")) {
                String[] parts = line.split(" ");
                peak = Long.parseLong(parts[0].substring("PEAK_KB=".length()));
                before = Long.parseLong(parts[1].substring("BEFORE_KB=".length()));
            }
        }
        if (peak < 0) {
            throw new IllegalStateException("memory probe for " + config + " printed no PEAK_KB line:\n" + out);
        }
        return new long[] {peak, before};
    }

    /** Child process: load one backend, draw one image at 1 and at 4 steps, print peak RSS. */
    public static final class MemoryProbe {
        public static void main(String[] args) throws Exception {
            long before = status("VmRSS");
            try (Backend b = open(args[0], Path.of(args[1]), Path.of(args[2]))) {
                b.t2i().generate(request(1, 1));
                b.t2i().generate(request(4, 1));
            }
            System.out.println("PEAK_KB=" + status("VmHWM") + " BEFORE_KB=" + before);
        }

        static long status(String key) throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key + ":")) {
                    return Long.parseLong(line.substring(key.length() + 1).replace("kB", "").strip());
                }
            }
            throw new IOException("/proc/self/status has no " + key);
        }
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
