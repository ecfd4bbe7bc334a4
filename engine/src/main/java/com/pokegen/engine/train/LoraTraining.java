package com.pokegen.engine.train;

import ai.djl.ndarray.NDManager;
import com.pokegen.engine.model.lora.LoraFiles;
import com.pokegen.engine.pipeline.DiffusionPipeline;
import com.pokegen.engine.schedule.NoiseSchedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * {@code train-lora}: LoRA adapters on a frozen base pipeline's UNet, trained with the teacher's
 * denoising objective ({@link TeacherTask} over a {@link LoraTrainee}) in a resumable run folder.
 * The run's {@code final/} holds {@value LoraFiles#PEFT_FILE} (diffusers/PEFT layout).
 */
public final class LoraTraining {

    private LoraTraining() {}

    /**
     * @param base the diffusers folder the LoRA adapts (trained at its native resolution)
     */
    public record Job(Path dataset, Path run, LoraConfig config, Path base, boolean resume) {}

    public static TrainLoop.Result train(Job job, TrainingListener listener, BooleanSupplier stop) throws IOException {
        return Training.withoutGradMode(() -> run(job, listener, stop));
    }

    private static TrainLoop.Result run(Job job, TrainingListener listener, BooleanSupplier stop) throws IOException {
        Training.refuseExistingRun(job.run(), job.resume());
        DatasetExamples.Loaded data = DatasetExamples.load(job.dataset());
        DatasetExamples.requireCaptions(data, job.dataset());
        LoraConfig c = job.config();
        try (NDManager m = NDManager.newBaseManager();
                DiffusionPipeline base = DiffusionPipeline.load(job.base())) {
            Training.Components parts = new Training.Components(base.unet(), base.vae(), base.textEncoder(),
                    base.tokenizerDir(), false);
            NoiseSchedule schedule = base.newScheduler().schedule();
            int resolution = base.unet().config().sampleSize() * base.vae().downsampleFactor();
            LatentSet latents = TrainingSamples.latents(job.dataset(), data, base.vae(), base.textEncoder(),
                    resolution, m, listener);
            LoraTrainee trainee = LoraTrainee.create(base.unet(), c.adapter().builder(), c.adapter().dropout(), c.training().seed(), m);
            String baseId = base.modelId();
            TeacherTask task = new TeacherTask(c.training(), trainee, schedule, latents,
                    (float) base.vae().config().scalingFactor(), Training.shift(base.vae()), m,
                    TrainingSamples.teacherSampler(c.training(), parts, schedule), (unet, dir) -> {
                        Files.createDirectories(dir);
                        LoraFiles.save(trainee.averagedAdapters(), dir.resolve(LoraFiles.PEFT_FILE), baseId);
                    });
            return Training.runLoop(job.run(), job.resume(), c, data.version(), task, listener, stop);
        }
    }
}
