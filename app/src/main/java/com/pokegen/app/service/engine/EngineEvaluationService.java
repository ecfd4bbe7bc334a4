package com.pokegen.app.service.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pokegen.app.service.AbPair;
import com.pokegen.app.service.AbVote;
import com.pokegen.app.service.EvaluationReport;
import com.pokegen.app.service.EvaluationRequest;
import com.pokegen.app.service.EvaluationService;
import com.pokegen.app.service.Metric;
import com.pokegen.app.service.ModelRanking;
import com.pokegen.app.service.PairsRequest;
import com.pokegen.app.service.ProgressMonitor;
import com.pokegen.app.service.local.LocalEvaluationService;
import com.pokegen.engine.eval.AbPairs;
import com.pokegen.engine.eval.BradleyTerry;
import com.pokegen.engine.eval.Comparison;
import com.pokegen.engine.eval.EvalReport;
import com.pokegen.engine.eval.HumanEvalStore;
import com.pokegen.engine.eval.run.EvalSpec;
import com.pokegen.engine.eval.run.Evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluation folders through the engine: {@code report.json} written by the engine's
 * {@link EvalReport} shows one number per (metric, variant, steps) and its contact-sheet images;
 * any other report.json is shown as the plain folder service shows it. A/B votes go into the
 * engine's {@link HumanEvalStore} ({@code ab/human-eval.sqlite}, shared with the CLI), which also
 * ranks the models with Bradley–Terry.
 *
 * <p>Pairs are the engine's {@link AbPairs} ({@code ./pokegen ab-pairs} makes them); a pair counts
 * as voted once the store holds a comparison of its two images.
 */
public final class EngineEvaluationService implements EvaluationService {

    /** The human-evaluation database inside an evaluation folder. */
    public static final String STORE = "ab/human-eval.sqlite";
    static final String RATER = "studio";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalEvaluationService plainReports = new LocalEvaluationService();

    /**
     * Runs the engine's evaluation (quality meters the dataset allows, collapse signals, contact
     * sheets; no speed benchmark, which {@code ./pokegen eval} runs) into {@code request.out()}.
     */
    @Override
    public Path evaluate(EvaluationRequest request, ProgressMonitor monitor) throws IOException {
        EvalSpec spec = EvalSpec.builder().setStudent(request.student()).setDataset(request.dataset())
                .setOut(request.out()).optTeacher(request.teacher()).optPromptCount(request.promptCount())
                .optPerPrompt(request.perPrompt()).optSeed(request.seed()).optSpeed(false).optAllowFewSamples(true)
                .build();
        Evaluation.run(spec, (stage, done, total) -> monitor.progress(done, total, stage), monitor::isCancelled);
        return request.out();
    }

    /** Both models draw the prompts with the engine's {@link AbPairs}; the labels are the folder names. */
    @Override
    public Path makePairs(PairsRequest request, ProgressMonitor monitor) throws IOException {
        String labelA = label(request.modelA(), "a");
        String labelB = label(request.modelB(), "b");
        if (labelA.equals(labelB)) {
            labelA += "-a";
            labelB += "-b";
        }
        AbPairs.make(new AbPairs.Spec(request.modelA(), labelA, request.modelB(), labelB, request.prompts(),
                request.perPrompt(), request.seed(), request.evalFolder()),
                (stage, done, total) -> monitor.progress(done, total, stage), monitor::isCancelled);
        return request.evalFolder();
    }

    private static String label(Path model, String fallback) {
        Path name = model.toAbsolutePath().normalize().getFileName();
        String clean = name == null ? "" : name.toString().replaceAll("[^A-Za-z0-9_.-]", "_").replaceAll("^\\.+", "");
        return clean.isEmpty() ? fallback : clean;
    }

    @Override
    public EvaluationReport readReport(Path reportOrFolder) throws IOException {
        Path report = Files.isDirectory(reportOrFolder) ? reportOrFolder.resolve("report.json") : reportOrFolder;
        if (!Files.exists(report)) {
            throw new NoSuchFileException(report.toString(), null, "no report.json: run ./pokegen eval first");
        }
        JsonNode root = JSON.readTree(report.toFile());
        if (root == null || !root.path("metrics").isArray() || !root.has("title")) {
            return plainReports.readReport(report);
        }
        EvalReport eval = EvalReport.readJson(report);
        Path folder = report.toAbsolutePath().getParent();
        List<Metric> metrics = new ArrayList<>();
        for (EvalReport.Metric m : eval.metrics()) {
            metrics.add(new Metric(m.name() + " · " + m.variant() + ", " + m.steps() + (m.steps() == 1 ? " step" : " steps"),
                    m.value()));
        }
        Set<Path> sheets = new LinkedHashSet<>();
        for (EvalReport.PromptSheet sheet : eval.sheets()) {
            for (EvalReport.SheetRow row : sheet.rows()) {
                for (String image : row.images()) {
                    Path file = image.startsWith("data:") ? null : folder.resolve(image).normalize();
                    if (file != null && Files.isRegularFile(file)) {
                        sheets.add(file);
                    }
                }
            }
        }
        sheets.addAll(plainReports.readReport(report).contactSheets());
        return new EvaluationReport(folder, metrics, List.copyOf(sheets));
    }

    @Override
    public synchronized Optional<AbPair> nextPair(Path evalFolder) throws IOException {
        Path pairs = evalFolder.resolve("ab").resolve("pairs.jsonl");
        if (!Files.exists(pairs)) {
            return Optional.empty();
        }
        Set<String> voted = votedImagePairs(evalFolder);
        for (PairLine line : readPairs(pairs)) {
            if (!voted.contains(key(relative(evalFolder, line.pair.left()), relative(evalFolder, line.pair.right())))) {
                return Optional.of(line.pair);
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized void recordVote(Path evalFolder, AbPair pair, AbVote vote) throws IOException {
        Path pairs = evalFolder.resolve("ab").resolve("pairs.jsonl");
        PairLine line = readPairs(pairs).stream().filter(p -> p.pair.id().equals(pair.id())).findFirst()
                .orElseThrow(() -> new IOException(pairs + " has no pair '" + pair.id() + "' (was the file replaced?)"));
        try (HumanEvalStore store = HumanEvalStore.open(evalFolder.resolve(STORE))) {
            store.record(pair.prompt(), relative(evalFolder, pair.left()), relative(evalFolder, pair.right()),
                    line.leftModel, line.rightModel, preference(vote), RATER);
        }
    }

    /** Bradley–Terry strengths of the models voted on in this folder, strongest first. */
    @Override
    public List<ModelRanking> ranking(Path evalFolder) throws IOException {
        Path file = evalFolder.resolve(STORE);
        if (!Files.exists(file)) {
            return List.of();
        }
        List<ModelRanking> out = new ArrayList<>();
        try (HumanEvalStore store = HumanEvalStore.open(file)) {
            for (BradleyTerry.Strength s : store.bradleyTerry()) {
                out.add(new ModelRanking(s.model(), s.strength(), s.lower95(), s.upper95(), s.elo(), s.comparisons()));
            }
        }
        return out;
    }

    /** Writes every vote of the folder as CSV (the engine's export format). */
    public void exportVotes(Path evalFolder, Path csv) throws IOException {
        try (HumanEvalStore store = HumanEvalStore.open(evalFolder.resolve(STORE))) {
            store.exportCsv(csv);
        }
    }

    private static Comparison.Preference preference(AbVote vote) {
        return switch (vote) {
            case LEFT -> Comparison.Preference.A;
            case RIGHT -> Comparison.Preference.B;
            case SKIP -> Comparison.Preference.SKIP;
        };
    }

    private Set<String> votedImagePairs(Path evalFolder) throws IOException {
        Path file = evalFolder.resolve(STORE);
        Set<String> voted = new HashSet<>();
        if (Files.exists(file)) {
            try (HumanEvalStore store = HumanEvalStore.open(file)) {
                for (Comparison c : store.list()) {
                    voted.add(key(c.imageA(), c.imageB()));
                }
            }
        }
        return voted;
    }

    private static String key(String left, String right) {
        return left + '\n' + right;
    }

    /** Image paths are stored relative to the evaluation folder, so the folder can move. */
    private static String relative(Path evalFolder, Path image) {
        Path base = evalFolder.toAbsolutePath().normalize();
        Path file = image.toAbsolutePath().normalize();
        return (file.startsWith(base) ? base.relativize(file) : file).toString().replace('\\', '/');
    }

    private record PairLine(AbPair pair, String leftModel, String rightModel) {
    }

    /** The engine's pairs of the folder holding {@code pairs} ({@link AbPairs} owns the format). */
    private static List<PairLine> readPairs(Path pairs) throws IOException {
        List<PairLine> out = new ArrayList<>();
        for (AbPairs.Pair pair : AbPairs.read(pairs.getParent().getParent())) {
            out.add(new PairLine(new AbPair(pair.id(), pair.prompt(), pair.left(), pair.right()), pair.leftModel(),
                    pair.rightModel()));
        }
        return out;
    }
}
