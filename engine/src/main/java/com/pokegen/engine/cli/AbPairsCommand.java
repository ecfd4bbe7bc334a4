package com.pokegen.engine.cli;

import com.pokegen.engine.eval.AbPairs;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ab-pairs}: two models draw the same prompts and seeds; writes the blind pairs the studio votes on. */
@Command(name = "ab-pairs", mixinStandardHelpOptions = true,
        description = "Make blind A/B pairs from two models and a prompt set: OUT/ab/<label>/ images and"
                + " OUT/ab/pairs.jsonl, for preference votes in the studio's Evaluation page.")
final class AbPairsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--a", required = true, paramLabel = "DIR", description = "First model folder.")
    private Path modelA;

    @Option(names = "--b", required = true, paramLabel = "DIR", description = "Second model folder.")
    private Path modelB;

    @Option(names = "--label-a", description = "Name of the first model in votes (default: its folder name).")
    private String labelA;

    @Option(names = "--label-b", description = "Name of the second model in votes (default: its folder name).")
    private String labelB;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "A prompt (repeatable).")
    private List<String> prompts = new ArrayList<>();

    @Option(names = "--prompts", paramLabel = "FILE", description = "UTF-8 file with one prompt per line (# comments skipped).")
    private Path promptsFile;

    @Option(names = "--n", defaultValue = "2", description = "Seeds per prompt (default ${DEFAULT-VALUE}).")
    private int perPrompt;

    @Option(names = "--seed", defaultValue = "0", description = "First seed and the side shuffle's seed (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Evaluation folder that gets ab/.")
    private Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        List<String> all = new ArrayList<>(prompts);
        if (promptsFile != null) {
            all.addAll(GenerateCommand.readPrompts(promptsFile));
        }
        AbPairs.Spec pairs;
        try {
            pairs = new AbPairs.Spec(modelA, label(labelA, modelA), modelB, label(labelB, modelB), all, perPrompt, seed, out);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return GenerateCommand.INVALID_INPUT;
        }
        TerminalProgressBar bar = new TerminalProgressBar(err, "drawing");
        List<AbPairs.Pair> made = AbPairs.make(pairs, bar, () -> false);
        spec.commandLine().getOut().printf("wrote %d pairs to %s%n", made.size(), out.resolve(AbPairs.FOLDER).resolve(AbPairs.FILE));
        return 0;
    }

    private static String label(String given, Path model) {
        if (given != null) {
            return given;
        }
        Path name = model.toAbsolutePath().normalize().getFileName();
        return name == null ? "model" : name.toString();
    }
}
