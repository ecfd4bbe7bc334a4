package com.pokegen.engine.export.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.io.AtomicFiles;
import com.pokegen.engine.io.JsonFiles;
import com.pokegen.engine.model.nn.FloatTensor;
import com.pokegen.engine.model.text.EncodedText;
import com.pokegen.engine.model.text.MiniLmTextEncoder;
import com.pokegen.engine.model.unet.UNet2DConditionConfig;
import com.pokegen.engine.model.vae.AutoencoderKL;
import com.pokegen.engine.pipeline.DiffusionPipeline;
import com.pokegen.engine.pipeline.GenerationRequest;
import com.pokegen.engine.pipeline.GenerationResult;
import com.pokegen.engine.pipeline.GenerationSettings;
import com.pokegen.engine.pipeline.PokegenMetadata;
import com.pokegen.engine.pipeline.RecommendedSettings;
import com.pokegen.engine.pipeline.TextToImage;
import com.pokegen.engine.schedule.EulerAncestralDiscreteScheduler;
import com.pokegen.engine.schedule.EulerDiscreteScheduler;
import com.pokegen.engine.schedule.Scheduler;
import com.pokegen.engine.schedule.Schedulers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a pipeline folder as ONNX files that any ONNX Runtime binding can run:
 * {@code unet/model[.fp16|.int8].onnx}, {@code vae_decoder/model[...].onnx} (latent models
 * only), the bundled MiniLM-L6 text encoder ({@code text_encoder/model.onnx} +
 * {@code tokenizer/tokenizer.json}), {@code scheduler/scheduler_config.json}, {@code pokegen.json},
 * a {@value #MANIFEST} saying how to run them (inputs, latent scaling, image size, timesteps and
 * σ for 1–4 steps) and a README. After writing, the export measures itself against the engine
 * (UNet and decoder outputs and whole images, same seeds) and records the numbers in the manifest,
 * so every precision ships with its measured quality cost. The folder appears atomically.
 */
public final class OnnxExport {

    public static final String MANIFEST = "pokegen-onnx.json";
    public static final int FORMAT = 1;
    /** Prompts and seeds of the export's own measurements (the demo prompts, seed 1 each). */
    static final List<String> CHECK_PROMPTS = List.of("a red fire type pokemon with wings",
            "a small blue water type pokemon", "a yellow electric pokemon", "un petit pokémon bleu de type eau",
            "a green grass type pokemon, small", "a purple ghost type pokemon");

    private OnnxExport() {}

    /** What was written: files with their sizes, and the measured differences to the engine. */
    public record Result(Path folder, Map<String, Long> fileBytes, ObjectNode measured) {}

    /**
     * Exports {@code model} to {@code out} with the UNet (and decoder) in each of {@code precisions}.
     *
     * @throws IOException naming the folder or file and the fix when {@code model} is not a
     *     pipeline folder, {@code out} is taken, or the files cannot be written
     * @throws IllegalArgumentException naming what is unsupported (text encoder, layer, LoRA)
     */
    public static Result export(Path model, Path out, Set<WeightPrecision> precisions, boolean overwrite)
            throws IOException {
        if (precisions.isEmpty()) {
            throw new IllegalArgumentException("give at least one precision (fp32, fp16, int8)");
        }
        Path source = model.toAbsolutePath().normalize();
        Path target = out.toAbsolutePath().normalize();
        if (target.startsWith(source) || source.startsWith(target)) {
            throw new IOException("--out " + target + " overlaps the model folder " + source
                    + "; export to a folder outside it");
        }
        if (Files.exists(target) && !isEmptyDirectory(target) && !overwrite) {
            throw new IOException(target + " already exists and is not empty; choose another folder or pass --overwrite");
        }
        if (!Files.isRegularFile(source.resolve("model_index.json")) && Files.isRegularFile(source.resolve(MANIFEST))) {
            throw new IOException(source + " is already an ONNX export; give --model the pipeline folder it came from");
        }
        Files.createDirectories(target.getParent());
        removeStaleTemps(target);
        Set<WeightPrecision> wanted = EnumSet.copyOf(precisions);
        Map<String, Long> sizes = new LinkedHashMap<>();
        ObjectNode[] measured = new ObjectNode[1];
        try (DiffusionPipeline pipeline = DiffusionPipeline.load(source)) {
            if (!(pipeline.textEncoder() instanceof MiniLmTextEncoder)) {
                throw new IllegalArgumentException(source + ": the text encoder (" + pipeline.textEncoder().id()
                        + ") is not supported by the ONNX export; it supports the bundled MiniLM-L6 ONNX encoder"
                        + " (pokegen.json \"text_encoder\": \"" + PokegenMetadata.MINILM + "\")");
            }
            if (!(pipeline.codec() instanceof AutoencoderKL) && !pipeline.codec().isPixelSpace()) {
                throw new IllegalArgumentException(source + ": the image codec " + pipeline.codec()
                        + " is not supported by the ONNX export (AutoencoderKL or pixel space)");
            }
            AtomicFiles.writeFolder(target, dir -> {
                writeFiles(pipeline, source, dir, wanted, sizes);
                measured[0] = Measurements.run(pipeline, dir, wanted);
                ObjectNode manifest = manifest(pipeline, source, wanted);
                manifest.set("measured", measured[0]);
                JsonFiles.write(dir.resolve(MANIFEST), manifest);
                AtomicFiles.writeString(dir.resolve("README.md"), OnnxReadme.text(manifest));
            });
        }
        return new Result(target, sizes, measured[0]);
    }

    private static void writeFiles(DiffusionPipeline p, Path source, Path dir, Set<WeightPrecision> precisions,
            Map<String, Long> sizes) throws IOException {
        boolean latent = p.codec() instanceof AutoencoderKL;
        try (NDManager scratch = NDManager.newBaseManager()) {
            for (WeightPrecision precision : precisions) {
                write(dir, "unet/" + precision.fileName(), UNetOnnx.build(p.unet(), precision, scratch)
                        .toModelBytes(version(), "PokéGen UNet2DConditionModel (" + precision.id() + " weights) from "
                                + source.getFileName(), Map.of("precision", precision.id())), sizes);
                if (latent) {
                    write(dir, "vae_decoder/" + precision.fileName(), VaeDecoderOnnx.build((AutoencoderKL) p.codec(),
                            precision, scratch).toModelBytes(version(), "PokéGen AutoencoderKL decoder ("
                            + precision.id() + " weights) from " + source.getFileName(),
                            Map.of("precision", precision.id())), sizes);
                }
            }
        }
        write(dir, "text_encoder/model.onnx", resource(MiniLmTextEncoder.ONNX_RESOURCE), sizes);
        write(dir, "tokenizer/tokenizer.json", resource(MiniLmTextEncoder.TOKENIZER_RESOURCE), sizes);
        Files.createDirectories(dir.resolve("scheduler"));
        JsonFiles.write(dir.resolve("scheduler/scheduler_config.json"), p.schedulerConfig());
        JsonFiles.write(dir.resolve(PokegenMetadata.FILE), p.metadata().toJson());
        // a preliminary manifest, so the measurements can open the folder like a user would
        JsonFiles.write(dir.resolve(MANIFEST), manifest(p, source, precisions));
    }

    private static void write(Path dir, String relative, byte[] bytes, Map<String, Long> sizes) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        sizes.put(relative, (long) bytes.length);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = MiniLmTextEncoder.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("class-path resource " + name + " not found (the MiniLM artifact is missing)");
            }
            return in.readAllBytes();
        }
    }

    static String version() {
        String v = OnnxExport.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    // --------------------------------------------------------------------------- manifest

    static ObjectNode manifest(DiffusionPipeline p, Path source, Set<WeightPrecision> precisions) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        UNet2DConditionConfig cfg = p.unet().config();
        boolean latent = p.codec() instanceof AutoencoderKL;
        int factor = p.codec().downsampleFactor();
        int side = cfg.sampleSize() == null ? 64 : cfg.sampleSize();
        ObjectNode m = f.objectNode();
        m.put("format", FORMAT);
        m.put("producer", "PokéGen Studio " + version());
        m.put("source_model", p.metadata().id() != null ? p.metadata().id() : source.getFileName().toString());
        m.put("opset", OnnxGraphBuilder.OPSET);
        m.put("space", latent ? "latent" : "pixel");
        ObjectNode image = m.putObject("image");
        image.put("width", side * factor).put("height", side * factor).put("channels", 3);
        image.put("range", "decoder output (or, in pixel space, the final sample) in about [-1, 1];"
                + " pixels = clip(x / 2 + 0.5, 0, 1) * 255, NCHW, RGB");
        ObjectNode lat = m.putObject("latents");
        lat.put("channels", cfg.inChannels()).put("height", side).put("width", side).put("downsample_factor", factor);
        if (latent) {
            AutoencoderKL vae = (AutoencoderKL) p.codec();
            lat.put("scaling_factor", vae.config().scalingFactor());
            if (vae.config().shiftFactor() == null) {
                lat.putNull("shift_factor");
            } else {
                lat.put("shift_factor", vae.config().shiftFactor());
            }
            lat.put("to_decoder", "latent_sample = latents / scaling_factor (+ shift_factor when not null)");
        } else {
            lat.put("scaling_factor", 1.0);
            lat.putNull("shift_factor");
            lat.put("to_decoder", "none: pixel space, the final sample is the image");
        }
        ObjectNode unet = m.putObject("unet");
        unet.set("files", files("unet/", precisions));
        ObjectNode in = unet.putObject("inputs");
        in.put(UNetOnnx.SAMPLE, "float32 [batch, " + cfg.inChannels() + ", height, width]: scheduler-scaled latents");
        in.put(UNetOnnx.TIMESTEP, "float32 [1] or [batch]: the scheduler's timestep (sinusoidal embedding is inside"
                + " the graph)");
        in.put(UNetOnnx.TEXT, "float32 [batch, sequence, " + cfg.crossAttentionDim().get(0)
                + "]: text_encoder last_hidden_state");
        unet.put("output", UNetOnnx.OUT + ": float32 [batch, " + cfg.outChannels() + ", height, width]");
        unet.put("prediction_type", p.schedulerConfig().path("prediction_type").asText("epsilon"));
        unet.put("first_width", cfg.blockOutChannels().get(0));
        if (latent) {
            ObjectNode dec = m.putObject("vae_decoder");
            dec.set("files", files("vae_decoder/", precisions));
            dec.put("input", VaeDecoderOnnx.LATENT + ": float32 [batch, " + cfg.inChannels()
                    + ", latent_height, latent_width]");
            dec.put("output", VaeDecoderOnnx.OUT + ": float32 [batch, 3, latent_height*" + factor + ", latent_width*"
                    + factor + "]");
        } else {
            m.putNull("vae_decoder");
            m.put("vae_decoder_note", "pixel-space model (model_index \"vae\": [null, null]): there is no decoder;"
                    + " the UNet denoises RGB directly");
        }
        ObjectNode te = m.putObject("text_encoder");
        te.put("model", "sentence-transformers/all-MiniLM-L6-v2 (BERT, 6 layers, 384 wide)");
        te.put("file", "text_encoder/model.onnx");
        te.put("tokenizer", "tokenizer/tokenizer.json");
        te.put("max_length", p.textEncoder().maxLength());
        te.set("inputs", f.arrayNode().add("input_ids").add("attention_mask").add("token_type_ids"));
        te.put("output", "last_hidden_state");
        te.put("tokenization", "lower-cased WordPiece, [CLS] ... [SEP], right-padded with [PAD] (id 0) to max_length,"
                + " attention_mask 1 on real tokens, token_type_ids all 0; int64 [batch, max_length]");
        m.set("scheduler", schedulerTable(p));
        m.set("recommended", p.metadata().recommended().toJson());
        return m;
    }

    private static ObjectNode files(String folder, Set<WeightPrecision> precisions) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        for (WeightPrecision w : precisions) {
            o.put(w.id(), folder + w.fileName());
        }
        return o;
    }

    /** The sampler the engine would use, with its timesteps and σ for 1–4 steps. */
    private static ObjectNode schedulerTable(DiffusionPipeline p) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("config", "scheduler/scheduler_config.json");
        RecommendedSettings rec = p.metadata().recommended();
        TextToImage t2i = TextToImage.of(p);
        ObjectNode steps = s.putObject("steps");
        for (int k = 1; k <= 4; k++) {
            GenerationSettings g = t2i.resolve(GenerationRequest.builder().setPrompts(List.of("")).setSeeds(0).optSteps(k).build());
            if (k == 1) {
                s.put("name", g.scheduler());
                s.put("class", g.schedulerClass());
                s.put("timestep_spacing", g.timestepSpacing().configName());
                s.put("guidance", rec.guidance());
            }
            ObjectNode row = steps.putObject(Integer.toString(k));
            ArrayNode ts = row.putArray("timesteps");
            for (float t : g.timesteps()) {
                ts.add(t);
            }
            Scheduler sch = g.scheduler().equals("euler-ancestral") || g.scheduler().equals("euler")
                    ? Schedulers.create(g.scheduler(), Schedulers.fromConfig(spaced(p, g)).schedule()) : null;
            if (sch != null) {
                sch.setTimesteps(k);
                float[] sigmas = sch instanceof EulerAncestralDiscreteScheduler a ? a.sigmas()
                        : ((EulerDiscreteScheduler) sch).sigmas();
                ArrayNode sg = row.putArray("sigmas");
                for (float v : sigmas) {
                    sg.add(v);
                }
                row.put("init_noise_sigma", sch.initNoiseSigma());
            }
        }
        return s;
    }

    private static ObjectNode spaced(DiffusionPipeline p, GenerationSettings g) {
        ObjectNode c = p.schedulerConfig();
        c.put("timestep_spacing", g.timestepSpacing().configName());
        return c;
    }

    /** Deletes what a killed export of {@code target} left beside it (only {@code NAME.tmp-*}). */
    private static void removeStaleTemps(Path target) throws IOException {
        String prefix = target.getFileName() + AtomicFiles.TEMP_MARK;
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(target.getParent(),
                p -> p.getFileName().toString().startsWith(prefix))) {
            for (Path stale : siblings) {
                AtomicFiles.deleteTree(stale);
            }
        }
    }

    private static boolean isEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            return !s.iterator().hasNext();
        }
    }

    // ------------------------------------------------------------------------ measurements

    /** The export's self-check: every exported precision against the engine, same inputs. */
    static final class Measurements {

        private Measurements() {}

        static ObjectNode run(DiffusionPipeline engine, Path dir, Set<WeightPrecision> precisions) throws IOException {
            ObjectNode m = JsonNodeFactory.instance.objectNode();
            m.put("reference", "the libtorch engine in float32, same inputs");
            m.put("inputs", CHECK_PROMPTS.size() + " demo prompts, seeds 1.." + CHECK_PROMPTS.size()
                    + "; UNet at t = 999 on seeded N(0, 1) latents; decoder on the engine's 1-step latents;"
                    + " images through the whole pipeline (8-bit units: differences x 255)");
            int recommended = engine.metadata().recommended().steps();
            List<Integer> stepCounts = recommended == 1 ? List.of(1) : List.of(1, recommended);
            Map<Integer, GenerationResult> engineImages = new LinkedHashMap<>();
            TextToImage reference = TextToImage.of(engine);
            for (int steps : stepCounts) {
                engineImages.put(steps, reference.generate(request(steps)));
            }
            FloatTensor sample;
            FloatTensor text;
            FloatTensor engineOut;
            FloatTensor rawLatents = null;
            FloatTensor engineDecoded = null;
            try (NDManager nd = NDManager.newBaseManager()) {
                nd.getEngine().setRandomSeed(1234);
                int c = engine.unet().config().inChannels();
                int side = engine.unet().config().sampleSize() == null ? 16 : engine.unet().config().sampleSize();
                NDArray x = nd.randomNormal(new Shape(CHECK_PROMPTS.size(), c, side, side));
                try (EncodedText enc = engine.textEncoder().encode(CHECK_PROMPTS, nd)) {
                    NDArray states = enc.hiddenStates();
                    NDArray t = nd.create(new float[] {999f});
                    engineOut = FloatTensor.of(engine.unet().forward(x, t, states));
                    sample = FloatTensor.of(x);
                    text = FloatTensor.of(states);
                }
                if (engine.codec() instanceof AutoencoderKL vae) {
                    FloatTensor lat = engineImages.get(1).latents();
                    NDArray z = vae.unscaleLatents(nd.create(lat.data(), new Shape(lat.shape())));
                    rawLatents = FloatTensor.of(z);
                    engineDecoded = FloatTensor.of(vae.decode(z));
                }
            }
            for (WeightPrecision w : precisions) {
                ObjectNode row = m.putObject(w.id());
                try (OnnxPipeline ort = OnnxPipeline.open(dir, w)) {
                    FloatTensor u = ort.unetNetwork().run(Map.of(UNetOnnx.SAMPLE, sample, UNetOnnx.TIMESTEP,
                            new FloatTensor(new long[] {1}, new float[] {999f}), UNetOnnx.TEXT, text));
                    Diff.of(u, engineOut).put(row.putObject("unet_output"), 1);
                    if (rawLatents != null) {
                        FloatTensor d = ort.decoderNetwork().run(Map.of(VaeDecoderOnnx.LATENT, rawLatents));
                        Diff.of(d, engineDecoded).put(row.putObject("decoder_output"), 1);
                    }
                    TextToImage t2i = ort.textToImage();
                    for (int steps : stepCounts) {
                        GenerationResult r = t2i.generate(request(steps));
                        Diff.of(r.images(), engineImages.get(steps).images())
                                .put(row.putObject("image_" + steps + (steps == 1 ? "_step" : "_steps")), 255);
                    }
                }
            }
            return m;
        }

        private static GenerationRequest request(int steps) {
            long[] seeds = new long[CHECK_PROMPTS.size()];
            for (int i = 0; i < seeds.length; i++) {
                seeds[i] = i + 1;
            }
            return GenerationRequest.builder().setPrompts(CHECK_PROMPTS).setSeeds(seeds).optSteps(steps).build();
        }
    }

    /** Max and mean absolute difference of two same-shaped tensors. */
    record Diff(double max, double mean) {

        static Diff of(FloatTensor a, FloatTensor b) {
            if (!java.util.Arrays.equals(a.shape(), b.shape())) {
                throw new IllegalStateException("shapes differ: " + java.util.Arrays.toString(a.shape()) + " vs "
                        + java.util.Arrays.toString(b.shape()));
            }
            double max = 0;
            double sum = 0;
            for (int i = 0; i < a.data().length; i++) {
                double d = Math.abs((double) a.data()[i] - b.data()[i]);
                max = Math.max(max, d);
                sum += d;
            }
            return new Diff(max, sum / a.data().length);
        }

        void put(ObjectNode o, double unit) {
            o.put("max_abs_diff", max * unit);
            o.put("mean_abs_diff", mean * unit);
        }
    }
}
