package com.pokegen.engine.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.data.ProgressListener;
import com.pokegen.engine.io.AtomicFiles;
import com.pokegen.engine.pipeline.GenerateJob;
import com.pokegen.engine.pipeline.GenerationRequest;
import com.pokegen.engine.pipeline.ImageOutputs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * Blind A/B pairs for human preference votes: both models draw every prompt with the same seeds,
 * into {@code <eval>/ab/<label>/}, and {@code <eval>/ab/pairs.jsonl} lists one pair per (prompt,
 * seed) with the sides shuffled by the seed. Votes on them go to {@link HumanEvalStore}, which
 * ranks the models (Bradley–Terry).
 *
 * <p>pairs.jsonl, one JSON object a line: {@code id}, {@code prompt}, {@code left} and {@code right}
 * (image paths relative to {@code ab/}), {@code left_model} and {@code right_model}.
 */
public final class AbPairs {

    public static final String FOLDER = "ab";
    public static final String FILE = "pairs.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One pair to vote on; images as absolute paths. */
    public record Pair(String id, String prompt, Path left, Path right, String leftModel, String rightModel) {}

    /**
     * What to compare.
     *
     * @param modelA     a diffusers model folder (drawn with its recommended settings)
     * @param labelA     its name in votes and rankings (a folder name: letters, digits, '-', '_', '.')
     * @param prompts    the prompt set
     * @param perPrompt  seeds per prompt
     * @param seed       first seed (image k of a model uses seed + k) and the side shuffle's seed
     * @param evalFolder where {@code ab/} goes (an evaluation folder, or a new one)
     */
    public record Spec(Path modelA, String labelA, Path modelB, String labelB, List<String> prompts, int perPrompt,
            long seed, Path evalFolder) {
        public Spec {
            Objects.requireNonNull(modelA, "modelA");
            Objects.requireNonNull(modelB, "modelB");
            Objects.requireNonNull(evalFolder, "evalFolder");
            prompts = List.copyOf(prompts);
            if (prompts.isEmpty() || perPrompt < 1) {
                throw new IllegalArgumentException("A/B pairs need at least one prompt and one seed per prompt");
            }
            if (!safe(labelA) || !safe(labelB) || labelA.equals(labelB)) {
                throw new IllegalArgumentException("the two labels must differ and be folder names (letters, digits, "
                        + "'-', '_', '.'), got '" + labelA + "' and '" + labelB + "'");
            }
        }

        private static boolean safe(String label) {
            return label != null && label.matches("[A-Za-z0-9_.-]+") && !label.startsWith(".");
        }
    }

    private AbPairs() {}

    /**
     * Draws both models and writes the pairs (replacing an earlier {@code pairs.jsonl}; votes
     * already recorded stay in the store).
     *
     * @param progress "A/B <label>" stages, image by image
     * @throws java.util.concurrent.CancellationException when {@code cancelled} turns true
     */
    public static List<Pair> make(Spec spec, ProgressListener progress, BooleanSupplier cancelled) throws IOException {
        List<String> prompts = new ArrayList<>();
        long[] seeds = new long[spec.prompts().size() * spec.perPrompt()];
        for (String prompt : spec.prompts()) {
            for (int k = 0; k < spec.perPrompt(); k++) {
                seeds[prompts.size()] = spec.seed() + prompts.size();
                prompts.add(prompt);
            }
        }
        Path ab = spec.evalFolder().resolve(FOLDER);
        draw(spec.modelA(), ab.resolve(spec.labelA()), "A/B " + spec.labelA(), prompts, seeds, progress, cancelled);
        draw(spec.modelB(), ab.resolve(spec.labelB()), "A/B " + spec.labelB(), prompts, seeds, progress, cancelled);

        SplittableRandom sides = new SplittableRandom(spec.seed());
        List<Pair> pairs = new ArrayList<>();
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < prompts.size(); i++) {
            String image = ImageOutputs.stem(i, seeds[i]) + ".png";
            boolean aLeft = sides.nextBoolean();
            String leftLabel = aLeft ? spec.labelA() : spec.labelB();
            String rightLabel = aLeft ? spec.labelB() : spec.labelA();
            String id = String.format(Locale.ROOT, "p%04d", i);
            ObjectNode line = JSON.createObjectNode();
            line.put("id", id);
            line.put("prompt", prompts.get(i));
            line.put("left", leftLabel + "/" + image);
            line.put("right", rightLabel + "/" + image);
            line.put("left_model", leftLabel);
            line.put("right_model", rightLabel);
            lines.append(JSON.writeValueAsString(line)).append('\n');
            pairs.add(new Pair(id, prompts.get(i), ab.resolve(leftLabel).resolve(image), ab.resolve(rightLabel).resolve(image),
                    leftLabel, rightLabel));
        }
        AtomicFiles.writeString(ab.resolve(FILE), lines.toString());
        return pairs;
    }

    private static void draw(Path model, Path out, String stage, List<String> prompts, long[] seeds,
            ProgressListener progress, BooleanSupplier cancelled) throws IOException {
        GenerationRequest.Builder request = GenerationRequest.builder().setPrompts(prompts).setSeeds(seeds)
                .optProgress((what, done, total) -> progress.progress(stage, done, total)).optCancellation(cancelled);
        try {
            GenerateJob.run(model, request, out, true);
        } catch (GenerateJob.InvalidInput e) {
            throw new IOException(model + ": " + e.getMessage(), e);
        }
    }

    /** The pairs of an evaluation folder (empty when it has none); a side's model defaults to its image's folder. */
    public static List<Pair> read(Path evalFolder) throws IOException {
        Path file = evalFolder.resolve(FOLDER).resolve(FILE);
        if (!Files.exists(file)) {
            return List.of();
        }
        List<Pair> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            JsonNode node = JSON.readTree(lines.get(i));
            String id = node.path("id").asText("");
            String left = node.path("left").asText("");
            String right = node.path("right").asText("");
            if (id.isEmpty() || left.isEmpty() || right.isEmpty()) {
                throw new IOException(file + " line " + (i + 1) + ": a pair needs \"id\", \"left\" and \"right\"");
            }
            Path leftImage = file.getParent().resolve(left);
            Path rightImage = file.getParent().resolve(right);
            String[] models = models(node, leftImage, rightImage);
            out.add(new Pair(id, node.path("prompt").asText(), leftImage, rightImage, models[0], models[1]));
        }
        return out;
    }

    private static String[] models(JsonNode node, Path left, Path right) {
        String leftModel = node.path("left_model").asText("");
        String rightModel = node.path("right_model").asText("");
        if (!leftModel.isEmpty() && !rightModel.isEmpty() && !leftModel.equals(rightModel)) {
            return new String[] {leftModel, rightModel};
        }
        String leftFolder = parentName(left);
        String rightFolder = parentName(right);
        return leftFolder.equals(rightFolder) ? new String[] {"left", "right"} : new String[] {leftFolder, rightFolder};
    }

    private static String parentName(Path image) {
        Path parent = image.getParent();
        return parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString().toLowerCase(Locale.ROOT);
    }
}
