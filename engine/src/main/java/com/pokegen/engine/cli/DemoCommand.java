package com.pokegen.engine.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The README's first command without a display: the shipped student draws the demo prompts
 * (1 step) into a folder with a contact sheet. With a display, {@code ./pokegen demo} opens the
 * studio instead (the launcher decides).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generate the demo prompts with the shipped student model (headless) and write a contact sheet.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--model", description = "Model folder (default: models/pokemon-tiny-student).")
    Path model;

    @Option(names = "--out", description = "Output folder (default: out/demo).")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the first image (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        Path home = Path.of(System.getProperty("pokegen.home", "."));
        Path modelDir = model != null ? model : home.resolve("models/pokemon-tiny-student");
        if (!Files.isDirectory(modelDir)) {
            System.err.println("error: no model at " + modelDir + "; train one (see models/README.md) or pass --model");
            return 2;
        }
        List<String> args = new ArrayList<>(List.of("generate", "--model", modelDir.toString(),
                "--prompts", home.resolve("assets/demo-prompts.txt").toString(),
                "--out", (out != null ? out : home.resolve("out/demo")).toString(),
                "--seed", Long.toString(seed), "--overwrite"));
        return PokegenCli.commandLine().execute(args.toArray(String[]::new));
    }
}
