package com.pokegen.engine.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.model.nn.StateDict;
import com.pokegen.engine.model.text.MiniLmTextEncoder;
import com.pokegen.engine.model.text.TextEncoder;
import com.pokegen.engine.model.unet.UNet2DConditionConfig;
import com.pokegen.engine.model.unet.UNet2DConditionModel;
import com.pokegen.engine.model.vae.AutoencoderKL;
import com.pokegen.engine.model.vae.ImageCodec;
import com.pokegen.engine.model.vae.PixelSpace;
import com.pokegen.engine.pipeline.DiffusionPipeline;
import com.pokegen.engine.schedule.NoiseSchedule;
import com.pokegen.engine.train.add.AddConfig;
import com.pokegen.engine.train.add.AddTask;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * The engine's training API, shared by the CLI and the studio: each method runs one stage in a
 * run folder (resumable), reporting through a {@link TrainingListener} and stopping cleanly
 * (with a checkpoint) when {@code stop} turns true.
 */
public final class Training {

    private Training() {}

    /** Train the tiny stack's VAE on a dataset. */
    public record VaeJob(Path dataset, Path run, VaeConfig config, boolean resume) {}

    /**
     * Train a teacher UNet on a dataset.
     *
     * @param vae a pipeline folder (or a folder with {@code vae/}) whose VAE encodes the images;
     *     ignored when {@code init} is given
     * @param init a diffusers pipeline to fine-tune (SD 1.5 / 2.1 ...); null trains
     *     {@code config.model_preset} from scratch with the bundled MiniLM text encoder
     */
    public record TeacherJob(Path dataset, Path run, TeacherConfig config, Path vae, Path init, boolean resume) {}

    /** Distill a teacher pipeline folder into a 1–4-step student with ADD. */
    public record AddJob(Path dataset, Path run, AddConfig config, Path teacher, boolean resume) {}

    public static TrainLoop.Result trainVae(VaeJob job, TrainingListener listener, BooleanSupplier stop)
            throws IOException {
        return locked(job.run(), () -> runVae(job, listener, stop));
    }

    public static TrainLoop.Result trainTeacher(TeacherJob job, TrainingListener listener, BooleanSupplier stop)
            throws IOException {
        return locked(job.run(), () -> runTeacher(job, listener, stop));
    }

    public static TrainLoop.Result distill(AddJob job, TrainingListener listener, BooleanSupplier stop)
            throws IOException {
        return locked(job.run(), () -> runDistill(job, listener, stop));
    }

    interface Stage {
        TrainLoop.Result run() throws IOException;
    }

    /** Holds the run folder's {@link RunLock} for the whole stage, so no second process writes it. */
    private static TrainLoop.Result locked(Path run, Stage stage) throws IOException {
        try (RunLock lock = RunLock.acquire(run)) {
            return withoutGradMode(stage);
        }
    }

    /**
     * Runs a stage with libtorch's grad mode off on the calling thread. The mode is per thread and on
     * by default; DJL turns it off only on the thread that started the engine, and the stages update
     * parameters in place outside gradient collectors, which libtorch refuses for leaves while it is
     * on. So a stage started on any other thread (the studio trains on its own) failed.
     */
    static TrainLoop.Result withoutGradMode(Stage stage) throws IOException {
        Engine.getInstance();
        boolean before = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return stage.run();
        } finally {
            JniUtils.setGradMode(before);
        }
    }

    private static TrainLoop.Result runVae(VaeJob job, TrainingListener listener, BooleanSupplier stop)
            throws IOException {
        refuseExistingRun(job.run(), job.resume());
        DatasetExamples.Loaded data = DatasetExamples.load(job.dataset());
        VaeConfig c = job.config();
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(Seeds.stream(c.seed(), "vae-init", 0).nextInt());
            AutoencoderKL vae = new AutoencoderKL(VaeTask.modelConfig(c));
            vae.initialize(m);
            NDArray images = VaeTask.loadImages(data.examples(), c.resolution(), m);
            VaeTask task = new VaeTask(c, vae, images, m);
            return runLoop(job.run(), job.resume(), c, data.version(), task, listener, stop);
        }
    }

    private static TrainLoop.Result runTeacher(TeacherJob job, TrainingListener listener, BooleanSupplier stop)
            throws IOException {
        refuseExistingRun(job.run(), job.resume());
        DatasetExamples.Loaded data = DatasetExamples.load(job.dataset());
        DatasetExamples.requireCaptions(data, job.dataset());
        TeacherConfig c = job.config();
        try (NDManager m = NDManager.newBaseManager();
                Components parts = job.init() != null ? Components.fromPipeline(job.init(), m)
                        : Components.fromScratch(c, job.vae(), m)) {
            NoiseSchedule schedule = c.noiseSchedule();
            LatentSet latents = TrainingSamples.latents(job.dataset(), data, parts.codec, parts.textEncoder,
                    c.resolution(), new LatentSet.Framing(c.augmentVariants(), c.seed()), m, listener);
            UNet2DConditionModel twin = new UNet2DConditionModel(parts.unet.config());
            twin.initialize(m);
            TeacherTask task = new TeacherTask(c, parts.unet, twin, schedule, latents,
                    parts.codec.scalingFactor(), parts.codec.shiftFactor(), m,
                    TrainingSamples.teacherSampler(c, parts, schedule),
                    TrainingSamples.teacherExporter(c, parts, schedule, data.version()));
            return runLoop(job.run(), job.resume(), c, data.version(), task, listener, stop);
        }
    }

    private static TrainLoop.Result runDistill(AddJob job, TrainingListener listener, BooleanSupplier stop)
            throws IOException {
        refuseExistingRun(job.run(), job.resume());
        DatasetExamples.Loaded data = DatasetExamples.load(job.dataset());
        DatasetExamples.requireCaptions(data, job.dataset());
        AddConfig c = job.config();
        try (NDManager m = NDManager.newBaseManager();
                DiffusionPipeline teacher = DiffusionPipeline.load(job.teacher())) {
            UNet2DConditionModel t = teacher.unet();
            NoiseSchedule schedule = teacher.newScheduler().schedule();
            ImageCodec codec = teacher.codec();
            LatentSet latents = TrainingSamples.latents(job.dataset(), data, codec, teacher.textEncoder(),
                    teacher.unet().config().sampleSize() * codec.downsampleFactor(),
                    new LatentSet.Framing(c.augmentVariants(), c.seed()), m, listener);
            DistillStudent student = DistillStudent.of(c, teacher, data.version(), m);
            AddTask task = new AddTask(c, student.student(), t, schedule, latents,
                    codec.scalingFactor(), codec.shiftFactor(), m,
                    student.sampler(), student.exporter());
            return runLoop(job.run(), job.resume(), c, data.version(), task, listener, stop);
        }
    }

    /** The common tail of every stage: the run folder, its spec (config + provenance) and the loop. */
    static TrainLoop.Result runLoop(Path run, boolean resume, StageConfig c, String datasetVersion,
            TrainingTask task, TrainingListener listener, BooleanSupplier stop) throws IOException {
        return TrainLoop.run(RunFolder.create(run), spec(c.toJson(), datasetVersion), c.steps(),
                new TrainLoop.Cadence(c.logEvery(), c.sampleEvery(), c.checkpointEvery()), task, resume, listener,
                stop);
    }

    static UNet2DConditionModel copyOf(UNet2DConditionModel source, NDManager m) {
        UNet2DConditionModel copy = new UNet2DConditionModel(source.config());
        copy.initialize(m);
        StateDict.load(copy, StateDict.arrays(source), true, "teacher");
        return copy;
    }

    private static ObjectNode spec(ObjectNode config, String datasetVersion) {
        return Provenance.of(config, datasetVersion, config.objectNode().put("total_steps", config.path("steps").asLong()));
    }

    /** A new run must not overwrite an old one; resuming needs an existing one. */
    static void refuseExistingRun(Path run, boolean resume) throws IOException {
        boolean exists = Files.exists(run.resolve("spec.json"));
        if (exists && !resume) {
            throw new IOException(run + " already holds a run; pass --resume to continue it or choose another --run folder");
        }
        if (!exists && resume) {
            throw new IOException(run + ": no run to resume (spec.json missing)");
        }
    }

    /** The networks a teacher run uses; closes what it opened. */
    static final class Components implements AutoCloseable {
        final UNet2DConditionModel unet;
        final ImageCodec codec;
        final TextEncoder textEncoder;
        final Path tokenizerDir;
        private final boolean ownsEncoder;
        private DiffusionPipeline pipeline;

        Components(UNet2DConditionModel unet, ImageCodec codec, TextEncoder te, Path tokenizerDir, boolean ownsEncoder) {
            this.unet = unet;
            this.codec = codec;
            this.textEncoder = te;
            this.tokenizerDir = tokenizerDir;
            this.ownsEncoder = ownsEncoder;
        }

        static Components fromPipeline(Path dir, NDManager m) throws IOException {
            DiffusionPipeline p = DiffusionPipeline.load(dir);
            Path tok = Files.isDirectory(dir.resolve(DiffusionPipeline.TOKENIZER)) ? dir.resolve(DiffusionPipeline.TOKENIZER) : null;
            Components c = new Components(p.unet(), p.codec(), p.textEncoder(), tok, false);
            c.pipeline = p;
            return c;
        }

        /** A new UNet from the preset; a pixel-space preset (3 in-channels) needs no {@code --vae}. */
        static Components fromScratch(TeacherConfig c, Path vaeDir, NDManager m) throws IOException {
            UNet2DConditionConfig cfg = presetUnet(c.modelPreset());
            ImageCodec codec = codecFor(cfg, c.modelPreset(), vaeDir, m);
            Engine.getInstance().setRandomSeed(Seeds.stream(c.seed(), "unet-init", 0).nextInt());
            UNet2DConditionModel unet = new UNet2DConditionModel(cfg);
            unet.initialize(m);
            return new Components(unet, codec, MiniLmTextEncoder.open(), null, true);
        }

        private static ImageCodec codecFor(UNet2DConditionConfig cfg, String preset, Path vaeDir, NDManager m)
                throws IOException {
            boolean pixel = cfg.inChannels() == PixelSpace.RGB.latentChannels();
            if (vaeDir == null && pixel) {
                return PixelSpace.RGB;
            }
            if (vaeDir == null) {
                throw new IOException("model preset '" + preset + "' denoises " + cfg.inChannels() + "-channel latents, so"
                        + " training it from scratch needs --vae (a folder with the trained VAE, e.g. runs/vae/final);"
                        + " or choose a pixel-space preset (--set model_preset=pokemon-pixel32)");
            }
            Path component = Files.isDirectory(vaeDir.resolve("vae")) ? vaeDir.resolve("vae") : vaeDir;
            return AutoencoderKL.fromFolder(component, m, true);
        }

        @Override
        public void close() {
            if (ownsEncoder) {
                textEncoder.close();
            }
            if (pipeline != null) {
                pipeline.close();
            }
        }
    }

    /**
     * A UNet config: a bundled preset name ({@code presets/unet-<name>.json}) or the path of a
     * diffusers UNet {@code config.json}.
     */
    public static UNet2DConditionConfig presetUnet(String name) throws IOException {
        if (name.endsWith(".json")) {
            return UNet2DConditionConfig.fromFile(Path.of(name));
        }
        String res = "/presets/unet-" + name + ".json";
        try (InputStream in = Training.class.getResourceAsStream(res)) {
            if (in == null) {
                throw new IOException("unknown model preset '" + name + "' (bundled: pokemon-tiny)");
            }
            return UNet2DConditionConfig.fromJson(Presets.JSON.readTree(in), res);
        }
    }
}
