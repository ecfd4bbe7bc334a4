package com.pokegen.engine.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@code eval/report.html} shows, also written as {@code report.json}. Every figure
 * carries its sample counts, extractor and resize method; images are paths relative to the report
 * (or {@code data:image/png;base64,...} URIs).
 *
 * @param title heading
 * @param runId the evaluated run or model folder
 * @param createdAt ISO-8601 time of the evaluation
 * @param datasetVersion dataset version of reference statistics and held-out captions
 * @param settings how samples were generated
 * @param prompts the evaluated prompts, in order (empty when not recorded)
 * @param configurations how each sampled configuration was generated (empty when not recorded)
 * @param metrics one row per (variant, steps, metric)
 * @param sheets contact sheets, one per prompt
 * @param speed latency table (null if not measured)
 * @param notes warnings for the reader (truncated prompts, few samples, ...)
 */
public record EvalReport(String title, String runId, String createdAt, String datasetVersion, Settings settings,
        List<Prompt> prompts, List<Configuration> configurations, List<Metric> metrics, List<PromptSheet> sheets,
        SpeedBenchmark.SpeedReport speed, List<String> notes) {

    public EvalReport {
        Objects.requireNonNull(title, "title");
        prompts = prompts == null ? List.of() : List.copyOf(prompts);
        configurations = configurations == null ? List.of() : List.copyOf(configurations);
        metrics = List.copyOf(metrics);
        sheets = List.copyOf(sheets);
        notes = List.copyOf(notes);
    }

    /** A report without prompt and configuration records. */
    public EvalReport(String title, String runId, String createdAt, String datasetVersion, Settings settings,
            List<Metric> metrics, List<PromptSheet> sheets, SpeedBenchmark.SpeedReport speed, List<String> notes) {
        this(title, runId, createdAt, datasetVersion, settings, List.of(), List.of(), metrics, sheets, speed, notes);
    }

    /**
     * One evaluated prompt; image k of prompt i used seed {@code settings.seed + i·K + k}.
     *
     * @param itemId the dataset item whose caption it is, or null for prompts from a file
     */
    public record Prompt(int index, String text, String itemId) {}

    /**
     * How one configuration's samples were made.
     *
     * @param variant "teacher" or "student"
     * @param label e.g. "student, 4 steps"
     * @param modelId the model's id ({@code pokegen.json} id or folder hash)
     * @param modelPath the model folder
     * @param scheduler sampler name, e.g. "euler-ancestral"
     * @param timestepSpacing e.g. "trailing"
     * @param guidance CFG scale (≤ 1: no CFG)
     * @param images images generated
     * @param width image width in pixels
     * @param height image height in pixels
     * @param samplesDir folder of the PNGs, relative to the report
     */
    public record Configuration(String variant, int steps, String label, String modelId, String modelPath,
            String scheduler, String timestepSpacing, double guidance, int images, int width, int height,
            String samplesDir) {}

    /**
     * @param promptSource e.g. "held-out captions (48)"
     * @param imagesPerPrompt K
     * @param seed root sampling seed
     * @param teacherSteps N of the teacher
     * @param guidanceScale teacher CFG scale
     * @param resolution generated image side
     */
    public record Settings(String promptSource, int imagesPerPrompt, long seed, int teacherSteps, double guidanceScale,
            int resolution) {}

    /**
     * One figure with its provenance.
     *
     * @param variant "teacher" or "student"
     * @param steps sampling steps
     * @param name {@link MetricNames} label, e.g. "FID", "in-domain FD", "CLIP score"
     * @param std spread if the metric has one (KID subsets), else NaN
     * @param samples N evaluated images
     * @param referenceSamples N reference images (0 if none)
     * @param extractor feature extractor / model id
     * @param resize resize method id
     * @param lowerIsBetter direction, for the plot's caption
     */
    public record Metric(String variant, int steps, String name, double value, double std, long samples,
            long referenceSamples, String extractor, String resize, boolean lowerIsBetter) {

        public static Metric of(String variant, int steps, FrechetResult r) {
            return new Metric(variant, steps, r.label(), r.value(), Double.NaN, r.sampleCount(), r.referenceCount(),
                    r.extractorId(), r.resizeMethod(), true);
        }

        public static Metric of(String variant, int steps, KidResult r) {
            return new Metric(variant, steps, r.label(), r.mean(), r.std(), r.sampleCount(), r.referenceCount(),
                    r.extractorId(), r.resizeMethod(), true);
        }

        public static Metric of(String variant, int steps, ClipScoreResult r, String resize) {
            return new Metric(variant, steps, r.label(), r.mean(), Double.NaN, r.count(), 0, r.modelId(), resize, false);
        }
    }

    /** The images of one prompt, a row per variant/step count. */
    public record PromptSheet(String prompt, List<SheetRow> rows) {}

    /** e.g. label "student, 4 steps" with K image references. */
    public record SheetRow(String label, List<String> images) {}

    private static ObjectMapper json() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT); // NaN is written as "NaN" and read back
    }

    /** Writes {@code report.json} atomically. */
    public void writeJson(Path file) throws IOException {
        Path tmp = SafetensorsFiles.tempSibling(file);
        try {
            Files.write(tmp, json().writeValueAsBytes(this));
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        SafetensorsFiles.moveAtomically(tmp, file);
    }

    public static EvalReport readJson(Path file) throws IOException {
        return json().readValue(Files.readString(file, StandardCharsets.UTF_8), EvalReport.class);
    }
}
