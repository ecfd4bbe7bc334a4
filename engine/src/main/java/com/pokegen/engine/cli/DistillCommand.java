package com.pokegen.engine.cli;

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

    @Override
    public Integer call() throws Exception {
        AddConfig config = AddConfig.of(options.overrides());
        return options.execute(config, (listener, stop) -> Training.distill(
                new Training.AddJob(options.dataset, options.run, config, teacher, options.resume), listener, stop));
    }
}
