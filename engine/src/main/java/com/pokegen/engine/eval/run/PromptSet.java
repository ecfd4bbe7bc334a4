package com.pokegen.engine.eval.run;

import com.pokegen.engine.data.DatasetState;
import com.pokegen.engine.data.ItemView;
import com.pokegen.engine.eval.EvalReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The prompts an evaluation samples, with a sentence saying where they came from: a user's file
 * (one per line), or a slice of the dataset's captions chosen by seed, so the same seed and
 * dataset version always evaluate the same captions.
 */
record PromptSet(List<EvalReport.Prompt> prompts, String source) {

    List<String> texts() {
        return prompts.stream().map(EvalReport.Prompt::text).toList();
    }

    int size() {
        return prompts.size();
    }

    static PromptSet fromFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("--prompts file " + file + " not found");
        }
        List<EvalReport.Prompt> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String p = line.strip();
            if (!p.isEmpty()) {
                out.add(new EvalReport.Prompt(out.size(), p, null));
            }
        }
        if (out.isEmpty()) {
            throw new IOException("--prompts file " + file + " has no prompts (one per line expected)");
        }
        return new PromptSet(out, "prompts file " + file.getFileName() + " (" + out.size() + ")");
    }

    /**
     * {@code count} captioned items drawn without replacement with {@code seed} from the included
     * items, sorted by id first so the draw does not depend on import order.
     */
    static PromptSet captionSlice(DatasetState state, int count, long seed) {
        List<ItemView> items = new ArrayList<>(state.included().stream()
                .filter(v -> v.caption() != null && !v.caption().isBlank()).toList());
        if (items.isEmpty()) {
            throw new IllegalArgumentException("the dataset has no captioned included items to use as prompts;"
                    + " give --prompts FILE");
        }
        items.sort(Comparator.comparing(ItemView::id));
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = items.size() - 1; i > 0; i--) { // Fisher–Yates
            int j = random.nextInt(i + 1);
            ItemView t = items.get(i);
            items.set(i, items.get(j));
            items.set(j, t);
        }
        int n = Math.min(count, items.size());
        List<EvalReport.Prompt> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new EvalReport.Prompt(i, items.get(i).caption(), items.get(i).id()));
        }
        return new PromptSet(out, "held-out caption slice: " + n + " of " + items.size()
                + " captioned items of dataset version " + state.version() + ", drawn with seed " + seed
                + " (item ids in report.json)");
    }
}
