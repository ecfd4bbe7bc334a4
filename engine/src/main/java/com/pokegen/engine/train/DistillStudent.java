package com.pokegen.engine.train;

import ai.djl.ndarray.NDManager;
import com.pokegen.engine.model.lora.LoraFiles;
import com.pokegen.engine.model.lora.LoraNetwork;
import com.pokegen.engine.model.lora.LoraTargets;
import com.pokegen.engine.pipeline.DiffusionPipeline;
import com.pokegen.engine.train.add.AddConfig;
import com.pokegen.engine.train.add.AddTask;
import java.nio.file.Files;

/**
 * The student of an ADD run and how it is sampled and exported: a full copy of the teacher
 * (exported as a pipeline folder), or Turbo-LoRA ({@code lora_rank} &gt; 0): the frozen teacher
 * plus a LoRA on its attention and feed-forward, trained with the same ADD objective and
 * discriminator and exported as {@value LoraFiles#PEFT_FILE}, which turns the teacher into a
 * 1–4-step model (as LCM-LoRA does for LCM). Memory then holds one UNet's weights, not three.
 */
record DistillStudent(Trainee student, AddTask.Sampler sampler, AddTask.Exporter exporter) {

    static DistillStudent of(AddConfig c, DiffusionPipeline teacher, String datasetVersion, NDManager m) {
        if (c.loraRank() == 0) {
            return new DistillStudent(Trainee.fullUnet(Training.copyOf(teacher.unet(), m),
                    Training.copyOf(teacher.unet(), m)), TrainingSamples.addSampler(c, teacher),
                    TrainingSamples.studentExporter(c, teacher, datasetVersion));
        }
        LoraNetwork.Builder lora = LoraNetwork.builder().setRank(c.loraRank()).optAlpha(c.loraRank())
                .optTargets(LoraTargets.ATTN_FF);
        LoraTrainee trainee = LoraTrainee.create(teacher.unet(), lora, 0f, c.seed(), m);
        String teacherId = teacher.modelId();
        // no comparison grids: student and teacher share one UNet, and the grid renders both
        return new DistillStudent(trainee, null, (unet, dir) -> {
            Files.createDirectories(dir);
            LoraFiles.save(trainee.averagedAdapters(), dir.resolve(LoraFiles.PEFT_FILE), teacherId);
        });
    }
}
