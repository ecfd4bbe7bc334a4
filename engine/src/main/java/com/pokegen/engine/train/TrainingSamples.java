package com.pokegen.engine.train;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.io.Checksums;
import com.pokegen.engine.io.UserCache;
import com.pokegen.engine.model.nn.StateDict;
import com.pokegen.engine.model.text.TextEncoder;
import com.pokegen.engine.model.unet.UNet2DConditionModel;
import com.pokegen.engine.model.vae.AutoencoderKL;
import com.pokegen.engine.model.vae.ImageCodec;
import com.pokegen.engine.pipeline.ContactSheet;
import com.pokegen.engine.pipeline.DiffusionPipeline;
import com.pokegen.engine.pipeline.GenerationRequest;
import com.pokegen.engine.pipeline.PokegenMetadata;
import com.pokegen.engine.pipeline.RecommendedSettings;
import com.pokegen.engine.pipeline.TextToImage;
import com.pokegen.engine.schedule.NoiseSchedule;
import com.pokegen.engine.schedule.Schedulers;
import com.pokegen.engine.schedule.TimestepSpacing;
import com.pokegen.engine.train.add.AddConfig;
import com.pokegen.engine.train.add.AddTask;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Glue between training and the sampling pipeline: the latent cache, sample grids made by the
 * same {@link TextToImage} the {@code generate} command uses, and final diffusers folders.
 */
final class TrainingSamples {

    /** Seeds of every sample grid, fixed so grids of successive steps compare. */
    static final long[] GRID_SEEDS = {1, 2};

    private TrainingSamples() {}

    /**
     * Encoded latents and text states, cached in the user's cache folder ({@link UserCache#latents},
     * never the dataset folder) under a key of (dataset version, VAE weights, text encoder,
     * resolution, dtype): any change rebuilds it.
     */
    static LatentSet latents(Path datasetDir, DatasetExamples.Loaded data, ImageCodec codec, TextEncoder te,
            int resolution, LatentSet.Framing framing, NDManager m, TrainingListener listener) throws IOException {
        String key = "latents-v1|" + data.version() + "|" + weightsHash(codec) + "|" + te.id() + "|" + resolution + "|f32"
                + (framing.variants() == 1 ? "" : "|framings-" + framing.variants() + "-" + framing.seed());
        Path file = UserCache.latents().resolve("latents-" + sha256(key).substring(0, 16) + ".safetensors");
        LatentSet cached = LatentSet.loadIfMatches(file, key, m);
        if (cached != null) {
            return cached;
        }
        LatentSet fresh = LatentSet.encode(data.examples(), codec, te, resolution, framing, 16, m,
                (done, total) -> listener.onEvent(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                        .put("kind", "progress").put("message", "encoding dataset").put("done", done).put("total", total)),
                () -> false);
        fresh.save(file, key);
        return fresh;
    }

    private static String weightsHash(ImageCodec codec) {
        if (!(codec instanceof AutoencoderKL)) {
            return "pixel-space";
        }
        AutoencoderKL vae = (AutoencoderKL) codec;
        MessageDigest d = Checksums.newSha256();
        d.update(vae.config().toJson().toString().getBytes(StandardCharsets.UTF_8));
        StateDict.arrays(vae).forEach((k, a) -> {
            d.update(k.getBytes(StandardCharsets.UTF_8));
            d.update(a.toByteBuffer());
        });
        return Checksums.shortHex(d);
    }

    private static String sha256(String s) {
        return HexFormat.of().formatHex(Checksums.newSha256().digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    /** A pipeline over live training components (nothing is copied or closed). */
    private static DiffusionPipeline pipeline(UNet2DConditionModel unet, ImageCodec codec, TextEncoder te,
            Path tokenizerDir, ObjectNode schedulerConfig, PokegenMetadata meta) {
        return DiffusionPipeline.builder().setTextEncoder(te, tokenizerDir).setUnet(unet).setCodec(codec)
                .setSchedulerConfig(schedulerConfig).optMetadata(meta).build();
    }

    static ObjectNode teacherScheduler(NoiseSchedule schedule) {
        return Schedulers.create("ddim", schedule.withTimestepSpacing(TimestepSpacing.TRAILING)).toConfig();
    }

    static PokegenMetadata teacherMetadata(TeacherConfig c, String datasetVersion) {
        ObjectNode prov = Provenance.of(c.toJson(), datasetVersion, c.toJson().objectNode());
        return new PokegenMetadata("pokemon-teacher", "teacher", null,
                new RecommendedSettings("ddim", TimestepSpacing.TRAILING, 50, null, c.sampleGuidance()), prov);
    }

    static TeacherTask.Sampler teacherSampler(TeacherConfig c, Training.Components parts, NoiseSchedule schedule) {
        if (c.samplePrompts().isEmpty()) {
            return null;
        }
        return (ema, step, png) -> {
            DiffusionPipeline p = pipeline(ema, parts.codec, parts.textEncoder, parts.tokenizerDir,
                    teacherScheduler(schedule), PokegenMetadata.NONE);
            List<BufferedImage> tiles = new ArrayList<>();
            List<String> captions = new ArrayList<>();
            for (long seed : GRID_SEEDS) {
                render(p, c.samplePrompts(), seed, c.sampleSteps(), c.sampleGuidance(), "ddim", null, tiles, captions,
                        "seed " + seed);
            }
            ImageGrid.writeSheet(ContactSheet.render(tiles, captions), png);
        };
    }

    static TeacherTask.Exporter teacherExporter(TeacherConfig c, Training.Components parts, NoiseSchedule schedule,
            String datasetVersion) {
        return (ema, dir) -> pipeline(ema, parts.codec, parts.textEncoder, parts.tokenizerDir, teacherScheduler(schedule),
                teacherMetadata(c, datasetVersion)).save(dir, true);
    }

    static AddTask.Sampler addSampler(AddConfig c, DiffusionPipeline teacher) {
        return (student, teacherUnet, step, png) -> {
            DiffusionPipeline s = pipeline(student, teacher.codec(), teacher.textEncoder(), tokenizerOf(teacher),
                    studentScheduler(teacher), PokegenMetadata.NONE);
            List<BufferedImage> tiles = new ArrayList<>();
            List<String> captions = new ArrayList<>();
            long seed = GRID_SEEDS[0];
            for (int steps : c.sampleStepCounts()) {
                render(s, c.samplePrompts(), seed, steps, 0, "euler-ancestral", TimestepSpacing.TRAILING, tiles,
                        captions, "student " + steps + " step" + (steps > 1 ? "s" : ""));
            }
            RecommendedSettings r = teacher.metadata().recommended();
            render(teacher, c.samplePrompts(), seed, c.teacherSampleSteps(), r.guidance(), r.scheduler(),
                    r.timestepSpacing(), tiles, captions, "teacher " + c.teacherSampleSteps() + " steps");
            ImageGrid.writeSheet(ContactSheet.render(tiles, captions), png);
        };
    }

    private static Path tokenizerOf(DiffusionPipeline p) {
        Path dir = p.source() == null ? null : p.source().resolve(DiffusionPipeline.TOKENIZER);
        return dir != null && java.nio.file.Files.isDirectory(dir) ? dir : null;
    }

    static ObjectNode studentScheduler(DiffusionPipeline teacher) {
        NoiseSchedule base = teacher.newScheduler().schedule().withTimestepSpacing(TimestepSpacing.TRAILING);
        return Schedulers.create("euler-ancestral", base).toConfig();
    }

    static AddTask.Exporter studentExporter(AddConfig c, DiffusionPipeline teacher, String datasetVersion) {
        return (student, dir) -> {
            ObjectNode prov = Provenance.of(c.toJson(), datasetVersion,
                    c.toJson().objectNode().put("teacher", teacher.modelId()));
            PokegenMetadata meta = new PokegenMetadata("pokemon-student", "student", null,
                    RecommendedSettings.addStudent(c.studentSteps()), prov);
            pipeline(student, teacher.codec(), teacher.textEncoder(), tokenizerOf(teacher), studentScheduler(teacher), meta)
                    .save(dir, true);
        };
    }

    private static void render(DiffusionPipeline p, List<String> prompts, long seed, int steps, double guidance,
            String scheduler, TimestepSpacing spacing, List<BufferedImage> tiles, List<String> captions, String label) {
        long[] seeds = new long[prompts.size()];
        java.util.Arrays.fill(seeds, seed);
        GenerationRequest.Builder b = GenerationRequest.builder().setPrompts(prompts).setSeeds(seeds).optSteps(steps)
                .optGuidance(guidance);
        if (scheduler != null) {
            b.optScheduler(scheduler);
        }
        if (spacing != null) {
            b.optTimestepSpacing(spacing);
        }
        tiles.addAll(TextToImage.of(p).generate(b.build()).bufferedImages());
        for (String prompt : prompts) {
            captions.add(label + ": " + prompt);
        }
    }
}
