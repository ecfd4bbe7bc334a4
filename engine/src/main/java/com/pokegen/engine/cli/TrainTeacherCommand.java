package com.pokegen.engine.cli;

import com.pokegen.engine.train.TeacherConfig;
import com.pokegen.engine.train.Training;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code train-teacher}: from scratch (tiny preset) or fine-tuning an SD folder. */
@Command(name = "train-teacher", mixinStandardHelpOptions = true,
        description = "Train the diffusion teacher: --init SD_FOLDER to fine-tune, or the model preset from scratch with --vae.")
final class TrainTeacherCommand implements Callable<Integer> {

    @Mixin
    TrainOptions options;

    @Option(names = "--init", description = "A diffusers pipeline folder to fine-tune (SD 1.5 / 2.1 / SD-Turbo).")
    Path init;

    @Option(names = "--vae", description = "From scratch: the folder holding the trained VAE (e.g. runs/vae/final).")
    Path vae;

    @Override
    public Integer call() throws Exception {
        TeacherConfig config = options.config(TeacherConfig::of);
        return options.execute(config, (listener, stop) -> Training.trainTeacher(
                new Training.TeacherJob(options.dataset, options.run, config, vae, init, options.resume), listener,
                stop));
    }
}
