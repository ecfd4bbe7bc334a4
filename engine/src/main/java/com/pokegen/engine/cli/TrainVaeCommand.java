package com.pokegen.engine.cli;

import com.pokegen.engine.train.TrainLoop;
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
        VaeConfig config = VaeConfig.of(options.overrides());
        if (options.dryRun) {
            System.out.println(config.toJson().toPrettyString());
            return 0;
        }
        TrainOptions.Stopper stopper = new TrainOptions.Stopper();
        TrainLoop.Result r;
        try {
            r = Training.trainVae(new Training.VaeJob(options.dataset, options.run, config, options.resume),
                TrainOptions.printer(System.err), stopper::requested);
        } finally {
            stopper.finished();
        }
        System.out.println(r.finished() ? "done: " + r.finalDir() : "stopped at step " + r.stepsDone());
        return 0;
    }
}
