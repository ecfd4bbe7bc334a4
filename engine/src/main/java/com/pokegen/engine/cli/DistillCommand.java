package com.pokegen.engine.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.train.Training;
import com.pokegen.engine.train.add.AddConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code distill}: Adversarial Diffusion Distillation of a teacher folder into a 1–4-step student. */
@Command(name = "distill", mixinStandardHelpOptions = true,
        description = "Distill a teacher pipeline into a 1-4 step student with ADD (Sauer et al. 2023).")
final class DistillCommand implements Callable<Integer> {

    @Mixin
    TrainOptions options;

    @Option(names = "--teacher", required = true, description = "The teacher's diffusers folder (e.g. runs/teacher/final).")
    Path teacher;

    @Option(names = "--ablation", defaultValue = "none", paramLabel = "none|distill-only|adversarial-only",
            description = "Leave one loss term out (the paper's ablations): distill-only sets adversarial_weight=0,"
                    + " adversarial-only sets distill_weight=0; overrides --set for those keys. Default: ${DEFAULT-VALUE}.")
    String ablation;

    @Option(names = "--lora-rank", paramLabel = "R",
            description = "Turbo-LoRA: train the student as the frozen teacher plus a rank-R LoRA; final/ then holds"
                    + " pytorch_lora_weights.safetensors to use with generate --model TEACHER --lora FILE. Default: a full student.")
    Integer loraRank;

    @Override
    public Integer call() throws Exception {
        AddConfig config = options.config(o -> {
            ObjectNode overrides = withAblation(o, ablation);
            if (loraRank != null) {
                overrides.put("lora_rank", loraRank);
            }
            return AddConfig.of(overrides);
        });
        return options.execute(config, (listener, stop) -> Training.distill(
                new Training.AddJob(options.dataset, options.run, config, teacher, options.resume), listener, stop));
    }

    /** The config keys an {@code --ablation} value stands for, laid over {@code overrides}. */
    static ObjectNode withAblation(ObjectNode overrides, String ablation) {
        switch (ablation) {
            case "none":
                return overrides;
            case "distill-only":
                return overrides.put("adversarial_weight", 0.0);
            case "adversarial-only":
                return overrides.put("distill_weight", 0.0);
            default:
                throw new IllegalArgumentException("--ablation: expected none, distill-only or adversarial-only, got '" + ablation + "'");
        }
    }
}
