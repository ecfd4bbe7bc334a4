package com.pokegen.engine.eval.run;

import com.pokegen.engine.eval.EvalReport.Configuration;
import com.pokegen.engine.eval.EvalReport.Metric;
import com.pokegen.engine.pipeline.DiffusionPipeline;
import com.pokegen.engine.pipeline.GenerationRequest;
import com.pokegen.engine.pipeline.GenerationResult;
import com.pokegen.engine.pipeline.GenerationSettings;
import com.pokegen.engine.pipeline.TextToImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;

/**
 * One sampled configuration (a model at a step count): K images per prompt, stored prompt-major
 * (image i = prompt i / K, seed {@code seed + i}), so every configuration sees the same prompts
 * and seeds and the contact sheets compare like with like.
 */
final class SampledConfiguration {

    static final String TEACHER = "teacher";
    static final String STUDENT = "student";
    /** Above this share of near-white images a configuration is flagged as collapsed. */
    static final double WHITE_WARNING = 0.5;
    /** Below this seed diversity (RMS in [0, 1]) a configuration is flagged as mode-collapsed. */
    static final double DIVERSITY_WARNING = 0.01;

    /**
     * What to sample.
     *
     * @param inSheets shown in the contact sheets (the teacher's N steps and every student count)
     * @param speedBaseline the teacher's N-step case the speed-ups are measured against
     */
    record Plan(String variant, int steps, String label, String slug, DiffusionPipeline pipeline, double guidance,
            boolean inSheets, boolean speedBaseline) {

        SpeedRun.Case speedCase() {
            String name = variant + " " + steps + (steps == 1 ? " step" : " steps")
                    + (guidance > 1 ? " + CFG " + fmt(guidance) : "");
            return new SpeedRun.Case(name, TextToImage.of(pipeline), steps, guidance);
        }
    }

    private final Plan plan;
    private final List<BufferedImage> images;
    private final List<String> promptPerImage;
    private final GenerationResult result;
    private final String samplesDir;
    private final int perPrompt;

    private SampledConfiguration(Plan plan, GenerationResult result, List<String> promptPerImage, String samplesDir,
            int perPrompt) {
        this.plan = plan;
        this.result = result;
        this.images = result.bufferedImages();
        this.promptPerImage = promptPerImage;
        this.samplesDir = samplesDir;
        this.perPrompt = perPrompt;
    }

    /** Teacher N steps (+ at the student's counts if asked), then the student at each count. */
    static List<Plan> plans(EvalSpec spec, DiffusionPipeline student, DiffusionPipeline teacher, List<String> notes) {
        List<Plan> out = new ArrayList<>();
        if (teacher != null) {
            double g = teacher.metadata().recommended().guidance();
            out.add(new Plan(TEACHER, spec.teacherSteps, label(TEACHER, spec.teacherSteps, g), TEACHER + "-"
                    + spec.teacherSteps, teacher, g, true, true));
            if (spec.teacherAtStudentSteps) {
                for (int s : spec.studentSteps) {
                    if (s != spec.teacherSteps) {
                        out.add(new Plan(TEACHER, s, label(TEACHER, s, g), TEACHER + "-" + s, teacher, g, false, false));
                    }
                }
            }
        }
        double g = student.metadata().recommended().guidance();
        if (!STUDENT.equals(student.metadata().role())) {
            notes.add("--student " + student.source() + " is not marked as a student in its pokegen.json (role "
                    + student.metadata().role() + "); it is sampled with its recommended settings, guidance " + fmt(g));
        }
        for (int s : spec.studentSteps) {
            out.add(new Plan(STUDENT, s, label(STUDENT, s, g), STUDENT + "-" + s, student, g, true, false));
        }
        return out;
    }

    private static String label(String variant, int steps, double guidance) {
        return variant + ", " + steps + (steps == 1 ? " step" : " steps") + (guidance > 1 ? ", CFG " + fmt(guidance) : "");
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3g", v);
    }

    /** Samples the plan and writes its PNGs to {@code samplesRoot/slug/pNNNN-kK.png}. */
    static SampledConfiguration sample(Plan plan, PromptSet prompts, EvalSpec spec, Path samplesRoot,
            EvalProgress progress, BooleanSupplier cancelled) throws IOException {
        List<String> perImage = new ArrayList<>();
        for (String p : prompts.texts()) {
            for (int k = 0; k < spec.perPrompt; k++) {
                perImage.add(p);
            }
        }
        long[] seeds = new long[perImage.size()];
        for (int i = 0; i < seeds.length; i++) {
            seeds[i] = spec.seed + i;
        }
        GenerationRequest request = GenerationRequest.builder().setPrompts(perImage).setSeeds(seeds)
                .optSteps(plan.steps()).optGuidance(plan.guidance()).optBatchSize(spec.batchSize)
                .optProgress((stage, done, total) -> progress.onProgress(plan.label() + ": sampling", (int) done, (int) total))
                .optCancellation(cancelled).build();
        GenerationResult result = TextToImage.of(plan.pipeline()).generate(request);
        SampledConfiguration s = new SampledConfiguration(plan, result, perImage, Evaluation.SAMPLES_DIR + "/" + plan.slug(),
                spec.perPrompt);
        s.write(samplesRoot.resolve(plan.slug()));
        return s;
    }

    /** The file name of image k of prompt p. */
    static String fileName(int prompt, int k) {
        return String.format(Locale.ROOT, "p%04d-k%d.png", prompt, k);
    }

    private void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < images.size(); i++) {
            ImageIO.write(images.get(i), "png", dir.resolve(fileName(i / perPrompt, i % perPrompt)).toFile());
        }
    }

    List<BufferedImage> images() {
        return images;
    }

    List<String> promptPerImage() {
        return promptPerImage;
    }

    List<Metric> collapseMetrics() {
        List<Metric> out = new ArrayList<>();
        int n = images.size();
        out.add(new Metric(plan.variant(), plan.steps(), CollapseSignals.NEAR_WHITE,
                CollapseSignals.nearWhiteFraction(result.images()), Double.NaN, n, 0, CollapseSignals.NEAR_WHITE_EXTRACTOR,
                CollapseSignals.NO_RESIZE, true));
        double diversity = CollapseSignals.seedDiversity(result.images(), perPrompt);
        if (!Double.isNaN(diversity)) {
            out.add(new Metric(plan.variant(), plan.steps(), CollapseSignals.DIVERSITY, diversity, Double.NaN, n, 0,
                    CollapseSignals.DIVERSITY_EXTRACTOR, CollapseSignals.NO_RESIZE, false));
        }
        return out;
    }

    /** Collapse flags and the sampler's own warnings, each naming the configuration. */
    List<String> collapseWarnings() {
        List<String> out = new ArrayList<>();
        double white = CollapseSignals.nearWhiteFraction(result.images());
        if (white >= WHITE_WARNING) {
            out.add(String.format(Locale.ROOT, "%s: %.0f%% of the images are near-white, a sign of collapse"
                    + " (adversarial-only training collapses to blank white images)", plan.label(), 100 * white));
        }
        double diversity = CollapseSignals.seedDiversity(result.images(), perPrompt);
        if (diversity < DIVERSITY_WARNING) {
            out.add(String.format(Locale.ROOT, "%s: images of a prompt barely change with the seed (seed diversity"
                    + " %.4f), a sign of mode collapse", plan.label(), diversity));
        }
        for (String w : result.warnings()) {
            out.add(plan.label() + ": " + w);
        }
        return out;
    }

    Configuration configuration() {
        GenerationSettings s = result.settings();
        return new Configuration(plan.variant(), plan.steps(), plan.label(), s.modelId(),
                plan.pipeline().source() == null ? "" : plan.pipeline().source().toString(), s.scheduler(),
                s.timestepSpacing().configName(), s.guidance(), images.size(), s.width(), s.height(), samplesDir);
    }
}
