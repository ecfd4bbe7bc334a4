package com.pokegen.engine.train.add;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pokegen.engine.model.lora.LoraNetwork;
import com.pokegen.engine.model.lora.LoraTargets;
import com.pokegen.engine.model.nn.StateDict;
import com.pokegen.engine.model.unet.Fixtures;
import com.pokegen.engine.model.unet.UNet2DConditionConfig;
import com.pokegen.engine.model.unet.UNet2DConditionModel;
import com.pokegen.engine.schedule.NoiseSchedule;
import com.pokegen.engine.train.LatentSet;
import com.pokegen.engine.train.LoraTrainee;
import com.pokegen.engine.train.Trainee;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Done-when 5 (a benchmark, nothing asserted): peak resident memory of one ADD update (student
 * forward+backward, teacher CFG target, discriminator with R1, AdamW) on the SD 1.5 UNet
 * architecture (random weights, config from fixtures/parity/inventory/sd15_unet.json), 32×32
 * latents, batch 1, CPU: a full student (student + EMA twin + frozen teacher: three UNets, AdamW
 * moments, gradients) beside a rank-16 Turbo-LoRA student (one UNet plus adapters). Each mode runs
 * in its own JVM, so each peak (VmHWM) is that mode's alone. Needs ~25 GB free RAM for the full
 * student. Run: {@code ./mvnw -B -Pbench test -pl engine -Dtest=AddMemoryBenchmark}
 * ({@code -Daddmem.config=PATH} for another UNet config, e.g. the tiny preset for a smoke run).
 */
@Tag("bench")
class AddMemoryBenchmark {

    static final String CONFIG = System.getProperty("addmem.config",
            Fixtures.PARITY.resolve("inventory/sd15_unet.json").toString());

    @Test
    void fullStudentVersusTurboLora() throws Exception {
        Map<String, String> peaks = new LinkedHashMap<>();
        for (String mode : new String[] {"full", "lora"}) {
            peaks.put(mode, child(mode));
        }
        System.out.printf("%nAddMemoryBenchmark: one ADD step, %s, 32x32 latents, batch 1, CPU%n", CONFIG);
        System.out.printf("  full student (3 UNets)      peak RSS %s%n", peaks.get("full"));
        System.out.printf("  Turbo-LoRA rank 16 student  peak RSS %s%n", peaks.get("lora"));
    }

    /** Runs {@link #main} for {@code mode} in a fresh JVM; returns its last output line. */
    private static String child(String mode) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx2g", "-Dai.djl.offline=true", "-Dai.djl.default_engine=PyTorch",
                "-Daddmem.config=" + CONFIG, "-cp", System.getProperty("java.class.path"),
                AddMemoryBenchmark.class.getName(), mode).redirectErrorStream(true).start();
        String last = "(no output)";
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                System.out.println("  [" + mode + "] " + line);
                last = line;
            }
        }
        return p.waitFor() == 0 ? last : "failed (exit " + p.exitValue() + "): " + last;
    }

    /** One ADD step in {@code args[0]} mode ("full" or "lora"); prints the process's peak RSS last. */
    public static void main(String[] args) throws Exception {
        UNet2DConditionConfig cfg = UNet2DConditionConfig.fromFile(Path.of(CONFIG));
        Path tmp = Files.createTempFile("addmem", ".safetensors");
        try (NDManager m = NDManager.newBaseManager()) {
            LatentSet data = AddStepBenchmark.randomLatents(tmp, m, 1, 32, cfg.crossAttentionDim().get(0));
            UNet2DConditionModel teacher = unet(cfg, m);
            Trainee student;
            if (args[0].equals("lora")) {
                student = LoraTrainee.create(teacher, LoraNetwork.builder().setRank(16).optAlpha(16)
                        .optTargets(LoraTargets.ATTN_FF), 0f, 0, m);
            } else {
                UNet2DConditionModel s = unet(cfg, m);
                StateDict.load(s, StateDict.arrays(teacher), true, "teacher");
                student = Trainee.fullUnet(s, unet(cfg, m));
            }
            AddConfig c = AddConfig.of(new ObjectMapper().createObjectNode().put("batch_size", 1)
                    .put("diversity_every", 0));
            AddTask task = new AddTask(c, student, teacher, NoiseSchedule.stableDiffusion(), data, 0.18215f, 0f, m,
                    null, null);
            long t0 = System.nanoTime();
            try (NDScope scope = new NDScope()) {
                task.step(0);
            }
            System.out.printf("%s: %,d trainable parameters, step %.1f s%n", args[0],
                    StateDict.parameterCount(student.trainable()), (System.nanoTime() - t0) / 1e9);
        } finally {
            Files.deleteIfExists(tmp);
        }
        System.out.println(peakRss());
    }

    private static UNet2DConditionModel unet(UNet2DConditionConfig cfg, NDManager m) {
        UNet2DConditionModel u = new UNet2DConditionModel(cfg);
        u.initialize(m);
        return u;
    }

    private static String peakRss() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                return String.format("%.2f GiB", kb / 1024.0 / 1024.0);
            }
        }
        return "unknown (no /proc/self/status)";
    }
}
