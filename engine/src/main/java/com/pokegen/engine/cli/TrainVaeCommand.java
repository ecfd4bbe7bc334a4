package com.pokegen.engine.cli;

import com.pokegen.engine.train.Training;
import com.pokegen.engine.train.VaeConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code train-vae}: the tiny stack's AutoencoderKL. */
@Command(name = "train-vae", mixinStandardHelpOptions = true,
        description = "Train the tiny stack's VAE (AutoencoderKL) on a dataset; writes RUN/final/vae.")
final class TrainVaeCommand implements Callable<Integer> {

    @Mixin
    TrainOptions options;

    @Override
    public Integer call() throws Exception {
        VaeConfig config = options.config(VaeConfig::of);
        return options.execute(config, (listener, stop) -> Training.trainVae(
                new Training.VaeJob(options.dataset, options.run, config, options.resume), listener, stop));
    }
}
