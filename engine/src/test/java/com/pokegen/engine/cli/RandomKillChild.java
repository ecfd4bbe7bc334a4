package com.pokegen.engine.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child process of {@link RandomKillTest}: trains (or resumes) the tiny VAE run, exports and
 * ships a pipeline, printing a marker line before each phase, until it is killed or done.
 * Arguments: work folder, dataset folder, pipeline folder.
 */
public final class RandomKillChild {

    private RandomKillChild() {}

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        Path run = dir.resolve("run");
        String[] train = TinyRuns.trainVae(Path.of(args[1]), run, "--set", "steps=6", "--set", "checkpoint_every=1");
        if (Files.exists(run.resolve("spec.json"))) {
            train = TinyRuns.trainVae(Path.of(args[1]), run, "--resume", "--allow-spec-change", "--set", "steps=6",
                    "--set", "checkpoint_every=1");
        }
        marker("train");
        int rc = PokegenCli.commandLine().execute(train);
        marker("export");
        rc |= PokegenCli.commandLine().execute("export", "--model", args[2], "--out", dir.resolve("export").toString(),
                "--overwrite");
        marker("ship");
        rc |= PokegenCli.commandLine().execute("ship", "--model", args[2], "--out", dir.resolve("shipped").toString());
        marker("done " + rc);
        System.exit(rc);
    }

    private static void marker(String phase) {
        System.out.println("phase " + phase);
        System.out.flush();
    }
}
