package com.pokegen.engine.cli;

import com.pokegen.engine.eval.InDomainConfig;
import com.pokegen.engine.eval.run.InDomainTraining;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code train-indomain}: the offline evaluation encoder behind "in-domain FD" and "in-domain CLIP score". */
@Command(name = "train-indomain", mixinStandardHelpOptions = true,
        description = "Train the offline in-domain image encoder (contrastive against frozen MiniLM captions) used by"
                + " `eval` for in-domain FD and in-domain CLIP score; saved with the dataset version it came from.")
final class TrainInDomainCommand implements Callable<Integer> {

    private static final InDomainConfig DEFAULTS = InDomainConfig.defaults();

    @Option(names = "--data", required = true, description = "Dataset folder (its included items and captions are used).")
    Path dataset;

    @Option(names = "--out", required = true, description = "Folder to write (in-domain.safetensors + in-domain.json).")
    Path out;

    @Option(names = "--steps", description = "Optimiser steps (default ${DEFAULT-VALUE}).")
    int steps = DEFAULTS.steps();

    @Option(names = "--image-size", description = "Side images are resized to (default ${DEFAULT-VALUE}).")
    int imageSize = DEFAULTS.imageSize();

    @Option(names = "--channels", split = ",", description = "Channels of the stride-2 convolutions (default 32,64,128,256).")
    int[] channels = DEFAULTS.channels();

    @Option(names = "--batch-size", description = "Image-caption pairs per step (default ${DEFAULT-VALUE}).")
    int batchSize = DEFAULTS.batchSize();

    @Option(names = "--lr", description = "Learning rate (default ${DEFAULT-VALUE}).")
    double learningRate = DEFAULTS.learningRate();

    @Option(names = "--seed", description = "Initialisation and batch-order seed (default ${DEFAULT-VALUE}).")
    long seed = DEFAULTS.seed();

    @Option(names = "--overwrite", description = "Replace an existing non-empty --out folder.")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        InDomainConfig config = new InDomainConfig(imageSize, channels, steps, batchSize, learningRate,
                DEFAULTS.initialTemperature(), seed);
        int every = Math.max(1, steps / 20);
        InDomainTraining.Result r = InDomainTraining.train(dataset, out, config, overwrite, (step, total, loss, t) -> {
            if (step % every == 0 || step == total) {
                System.err.printf(Locale.ROOT, "step %d/%d  loss %.4f  temperature %.4f%n", step, total, loss, t);
            }
        }, () -> false);
        System.out.printf(Locale.ROOT, "done: %s (encoder %s, dataset version %s, %d items, %d image-caption pairs,"
                + " loss %.3f -> %.3f, %.1f s)%n", r.dir(), r.encoderId(), r.datasetVersion(), r.items(), r.pairs(),
                r.firstLoss(), r.lastLoss(), r.seconds());
        return 0;
    }
}
