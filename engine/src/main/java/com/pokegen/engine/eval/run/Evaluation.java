package com.pokegen.engine.eval.run;

import com.pokegen.engine.io.AtomicFiles;
import com.pokegen.engine.data.Dataset;
import com.pokegen.engine.eval.EvalReport;
import com.pokegen.engine.eval.EvalReport.Configuration;
import com.pokegen.engine.eval.EvalReport.Metric;
import com.pokegen.engine.eval.ReferenceStatsCache;
import com.pokegen.engine.eval.ReportHtml;
import com.pokegen.engine.eval.SpeedBenchmark;
import com.pokegen.engine.pipeline.DiffusionPipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * The {@code eval} command's engine method, also called by the app: samples K images per prompt
 * from the teacher (N steps with its CFG, and optionally at the student's step counts) and the
 * student (each step count, its own sampler and guidance from {@code pokegen.json}), measures
 * every configuration (in-domain FD and CLIP score, FID/CLIP score/KID when asked, collapse
 * signals), times teacher against student, and writes {@code report.json}, {@code report.html}
 * and every sample under {@code samples/}. The output folder is built under a temp name and
 * renamed into place at the end, so a failed or cancelled evaluation leaves nothing behind.
 */
public final class Evaluation {

    public static final String REPORT_JSON = "report.json";
    public static final String REPORT_HTML = "report.html";
    public static final String SAMPLES_DIR = "samples";
    /** Where reference statistics are cached inside the dataset folder. */
    public static final String STATS_CACHE = "cache/eval-stats";

    private final EvalSpec spec;
    private final EvalProgress progress;
    private final BooleanSupplier cancelled;
    private final List<String> notes = new ArrayList<>();

    private Evaluation(EvalSpec spec, EvalProgress progress, BooleanSupplier cancelled) {
        this.spec = spec;
        this.progress = progress;
        this.cancelled = cancelled;
    }

    /**
     * Runs the whole evaluation. Files, networks and sample counts are checked before anything
     * is generated.
     *
     * @throws IllegalArgumentException for settings that cannot work (e.g. too few samples)
     * @throws IOException naming the file or flag that is wrong
     * @throws CancellationException when {@code cancelled} turns true
     */
    public static EvalReport run(EvalSpec spec, EvalProgress progress, BooleanSupplier cancelled) throws IOException {
        return new Evaluation(spec, progress, cancelled).run();
    }

    private EvalReport run() throws IOException {
        Path out = spec.out.toAbsolutePath().normalize();
        OutputFolder.check(out, spec.overwrite, "--out");
        Path studentDir = ModelFolders.resolve(spec.student, "--student");
        Path teacherDir = spec.teacher == null ? null : ModelFolders.resolve(spec.teacher, "--teacher");
        Dataset dataset = Dataset.open(spec.dataset);
        PromptSet prompts = prompts(dataset);
        ReferenceImages references = new ReferenceImages(dataset);
        ReferenceStatsCache cache = new ReferenceStatsCache(dataset.dir().resolve(STATS_CACHE));
        try (QualityMeters meters = QualityMeters.open(spec, references, cache)) {
            meters.checkSampleCounts(prompts.size() * spec.perPrompt, references.count(),
                    "Raise --per-prompt (now " + spec.perPrompt + ") or the number of prompts (now " + prompts.size()
                            + ", --prompt-count or --prompts)", spec.allowFewSamples, notes);
            noteMissingMetrics(meters, references);
            Files.createDirectories(out.getParent());
            Path staging = AtomicFiles.tempSibling(out);
            try (DiffusionPipeline student = DiffusionPipeline.load(studentDir);
                    DiffusionPipeline teacher = teacherDir == null ? null : DiffusionPipeline.load(teacherDir)) {
                EvalReport report = evaluate(student, teacher, prompts, meters, references.version(), staging);
                OutputFolder.replace(staging, out);
                return report;
            } finally {
                AtomicFiles.deleteTree(staging);
            }
        }
    }

    private PromptSet prompts(Dataset dataset) throws IOException {
        if (spec.promptsFile != null) {
            return PromptSet.fromFile(spec.promptsFile);
        }
        PromptSet p = PromptSet.captionSlice(dataset.state(), spec.promptCount, spec.seed);
        notes.add("Prompts are dataset captions chosen by seed; training uses every included item, so the models have"
                + " seen these captions. The slice fixes which captions are compared, it is not unseen text.");
        return p;
    }

    private void noteMissingMetrics(QualityMeters meters, ReferenceImages references) {
        if (meters.inDomain() == null) {
            notes.add("No --indomain encoder given: no in-domain FD or in-domain CLIP score. Train one with"
                    + " `pokegen train-indomain --data DATASET --out DIR`.");
        } else if (!meters.inDomain().datasetVersion().equals(references.version())) {
            notes.add("The in-domain encoder was trained on dataset version " + meters.inDomain().datasetVersion()
                    + " but the reference images are version " + references.version()
                    + "; retrain it for figures comparable with other evaluations of this version.");
        }
    }

    private EvalReport evaluate(DiffusionPipeline student, DiffusionPipeline teacher, PromptSet prompts,
            QualityMeters meters, String datasetVersion, Path staging) throws IOException {
        Files.createDirectories(staging);
        List<SampledConfiguration.Plan> plans = SampledConfiguration.plans(spec, student, teacher, notes);
        List<Metric> metrics = new ArrayList<>();
        List<Configuration> configurations = new ArrayList<>();
        ReportSheets sheets = new ReportSheets(prompts, spec.perPrompt, spec.sheetPrompts);
        for (SampledConfiguration.Plan plan : plans) {
            checkCancelled();
            SampledConfiguration s = SampledConfiguration.sample(plan, prompts, spec, staging.resolve(SAMPLES_DIR),
                    progress, cancelled);
            progress.onProgress(plan.label() + ": metrics", 0, 1);
            metrics.addAll(meters.measure(plan.variant(), plan.steps(), s.images(), s.promptPerImage()));
            metrics.addAll(s.collapseMetrics());
            notes.addAll(s.collapseWarnings());
            configurations.add(s.configuration());
            if (plan.inSheets()) {
                sheets.add(plan.label(), SAMPLES_DIR + "/" + plan.slug(), s.images());
            }
            progress.onProgress(plan.label() + ": metrics", 1, 1);
        }
        notes.addAll(meters.notes());
        SpeedBenchmark.SpeedReport speed = spec.speed ? speed(plans, prompts) : null;
        EvalReport report = new EvalReport(title(student, teacher), student.source().toString(), Instant.now().toString(),
                datasetVersion, settings(prompts, teacher, configurations), prompts.prompts(), configurations, metrics,
                sheets.withPaths(), speed, List.copyOf(new LinkedHashSet<>(notes)));
        report.writeJson(staging.resolve(REPORT_JSON));
        ReportHtml.write(sheets.embedded(report), staging.resolve(REPORT_HTML));
        return report;
    }

    private SpeedBenchmark.SpeedReport speed(List<SampledConfiguration.Plan> plans, PromptSet prompts) {
        checkCancelled();
        SpeedRun.Case baseline = null;
        List<SpeedRun.Case> students = new ArrayList<>();
        for (SampledConfiguration.Plan p : plans) {
            if (p.speedBaseline()) {
                baseline = p.speedCase();
            } else if (p.variant().equals(SampledConfiguration.STUDENT)) {
                students.add(p.speedCase());
            }
        }
        if (baseline == null) { // no teacher: the student's most steps is the reference
            baseline = students.remove(students.size() - 1);
        }
        return SpeedRun.measure(baseline, students, prompts.texts().get(0), spec, progress, cancelled);
    }

    private static String title(DiffusionPipeline student, DiffusionPipeline teacher) {
        return "PokéGen evaluation: student " + student.modelId()
                + (teacher == null ? "" : " vs teacher " + teacher.modelId());
    }

    private EvalReport.Settings settings(PromptSet prompts, DiffusionPipeline teacher, List<Configuration> configurations) {
        double guidance = teacher == null ? 0 : teacher.metadata().recommended().guidance();
        return new EvalReport.Settings(prompts.source(), spec.perPrompt, spec.seed, teacher == null ? 0 : spec.teacherSteps,
                guidance, configurations.get(0).width());
    }

    private void checkCancelled() {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("evaluation cancelled");
        }
    }
}
