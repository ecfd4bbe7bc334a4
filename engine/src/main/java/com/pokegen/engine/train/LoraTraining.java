package com.pokegen.engine.train;

import ai.djl.ndarray.NDManager;
import com.pokegen.engine.model.lora.LoraFiles;
import com.pokegen.engine.model.unet.UNet2DConditionModel;
import com.pokegen.engine.pipeline.DiffusionPipeline;
import com.pokegen.engine.schedule.NoiseSchedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * {@code train-lora}: LoRA adapters on a frozen base pipeline's UNet, trained with the teacher's
 * denoising objective ({@link TeacherTask} over a {@link LoraTrainee}) in a resumable run folder.
 * The run's {@code final/} holds {@value LoraFiles#PEFT_FILE} (diffusers/PEFT layout). With
 * instance images it is DreamBooth (Ruiz et al., 2023): the subject's images under the instance
 * prompt plus, with a class prompt, prior preservation on the base model's class samples; with
 * {@code full} the whole UNet trains instead and {@code final/} is a diffusers folder.
 */
public final class LoraTraining {

    private LoraTraining() {}

    /**
     * @param dataset a dataset folder, or null when {@code instanceImages} is given
     * @param instanceImages a folder of the DreamBooth subject's images, or null
     * @param base the diffusers folder to adapt (trained at its native resolution)
     * @param full train the whole UNet instead of a LoRA
     */
    public record Job(Path dataset, Path instanceImages, Path run, LoraConfig config, Path base, boolean full,
            boolean resume) {

        public Job {
            if ((dataset == null) == (instanceImages == null)) {
                throw new IllegalArgumentException("give either --data (a dataset) or --instance-images (DreamBooth)");
            }
        }
    }

    public static TrainLoop.Result train(Job job, TrainingListener listener, BooleanSupplier stop) throws IOException {
        return Training.withoutGradMode(() -> run(job, listener, stop));
    }

    private static TrainLoop.Result run(Job job, TrainingListener listener, BooleanSupplier stop) throws IOException {
        Training.refuseExistingRun(job.run(), job.resume());
        LoraConfig c = job.config();
        try (NDManager m = NDManager.newBaseManager();
                DiffusionPipeline base = DiffusionPipeline.load(job.base())) {
            int resolution = base.unet().config().sampleSize() * base.codec().downsampleFactor();
            String version;
            LatentSet latents;
            LatentSet prior = null;
            if (job.instanceImages() != null) {
                version = DreamBoothData.version(job.instanceImages());
                latents = encode(DreamBoothData.instances(job.instanceImages(), c.dreamBooth().instancePrompt()),
                        base, resolution, m);
                if (c.dreamBooth().preservesPrior()) {
                    prior = encode(DreamBoothData.classImages(job.run().resolve("class-images"), base,
                            c.dreamBooth().classPrompt(), c.dreamBooth().classImages(), c.training().seed(), listener),
                            base, resolution, m);
                }
            } else {
                DatasetExamples.Loaded data = DatasetExamples.load(job.dataset());
                DatasetExamples.requireCaptions(data, job.dataset());
                version = data.version();
                latents = TrainingSamples.latents(job.dataset(), data, base.codec(), base.textEncoder(), resolution, LatentSet.Framing.NONE, m,
                        listener);
            }
            TeacherTask task = task(job, base, latents, version, m);
            if (prior != null) {
                task.usePriorPreservation(prior, c.dreamBooth().priorWeight());
            }
            return Training.runLoop(job.run(), job.resume(), c, version, task, listener, stop);
        }
    }

    private static LatentSet encode(List<TrainingExample> examples, DiffusionPipeline base, int resolution,
            NDManager m) throws IOException {
        return LatentSet.encode(examples, base.codec(), base.textEncoder(), resolution, 16, m, (d, n) -> { }, () -> false);
    }

    private static TeacherTask task(Job job, DiffusionPipeline base, LatentSet latents, String version, NDManager m) {
        LoraConfig c = job.config();
        Training.Components parts = new Training.Components(base.unet(), base.codec(), base.textEncoder(),
                base.tokenizerDir(), false);
        NoiseSchedule schedule = base.newScheduler().schedule();
        Trainee trainee;
        TeacherTask.Exporter exporter;
        if (job.full()) {
            UNet2DConditionModel twin = new UNet2DConditionModel(base.unet().config());
            twin.initialize(m);
            trainee = Trainee.fullUnet(base.unet(), twin);
            exporter = TrainingSamples.teacherExporter(c.training(), parts, schedule, version);
        } else {
            LoraTrainee lora = LoraTrainee.create(base.unet(), c.adapter().builder(), c.adapter().dropout(),
                    c.training().seed(), m);
            String baseId = base.modelId();
            trainee = lora;
            exporter = (unet, dir) -> {
                Files.createDirectories(dir);
                LoraFiles.save(lora.averagedAdapters(), dir.resolve(LoraFiles.PEFT_FILE), baseId);
            };
        }
        return new TeacherTask(c.training(), trainee, schedule, latents, base.codec().scalingFactor(),
                base.codec().shiftFactor(), m, TrainingSamples.teacherSampler(c.training(), parts, schedule), exporter);
    }
}
