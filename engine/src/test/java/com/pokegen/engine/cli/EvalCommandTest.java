package com.pokegen.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pokegen.engine.data.Dataset;
import com.pokegen.engine.data.ItemView;
import com.pokegen.engine.eval.EvalReport;
import com.pokegen.engine.eval.FeatureStats;
import com.pokegen.engine.eval.FrechetDistance;
import com.pokegen.engine.eval.InDomainConfig;
import com.pokegen.engine.eval.InDomainEncoder;
import com.pokegen.engine.eval.SpeedBenchmark;
import com.pokegen.engine.eval.run.EvalFixtures;
import com.pokegen.engine.eval.run.EvalProgress;
import com.pokegen.engine.eval.run.EvalSpec;
import com.pokegen.engine.eval.run.Evaluation;
import com.pokegen.engine.eval.run.InDomainTraining;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train-indomain} and {@code eval} end to end on a six-image dataset, random tiny
 * MiniLM teacher/student folders and an in-domain encoder trained for a few steps.
 */
class EvalCommandTest {

    private static final String EVIL = "<script>alert('x')</script> a red \"pokemon\" & <img src=https://evil.example/x.png>";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Path data;
    private static Path teacher;
    private static Path student;
    private static Path encoder;
    private static String datasetVersion;

    /** Exit code and stderr of one CLI call. */
    private record Run(int code, String err) {}

    private static Run run(String... args) {
        StringWriter err = new StringWriter();
        int code = PokegenCli.commandLine().setErr(new PrintWriter(err, true)).execute(args);
        return new Run(code, err.toString());
    }

    @BeforeAll
    static void fixtures() throws Exception {
        data = EvalFixtures.dataset(dir);
        datasetVersion = Dataset.open(data).state().version();
        teacher = EvalFixtures.teacher(dir);
        student = EvalFixtures.student(dir);
        encoder = dir.resolve("indomain");
        Run r = run("train-indomain", "--data", data.toString(), "--out", encoder.toString(), "--steps", "3",
                "--image-size", "16", "--channels", "8,16", "--batch-size", "4");
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void inDomainEncoderFolderRecordsItsDatasetVersion() throws Exception {
        JsonNode info = JSON.readTree(encoder.resolve("in-domain.json").toFile());
        assertEquals(datasetVersion, info.get("dataset_version").asText());
        assertEquals(6, info.get("items").asInt());
        assertEquals(12, info.get("pairs").asInt(), "English and French caption of each item");
        assertEquals(3, info.get("config").get("steps").asInt());
        try (InDomainEncoder e = InDomainEncoder.load(encoder.resolve("in-domain.safetensors"))) {
            assertEquals(datasetVersion, e.datasetVersion());
            assertEquals(info.get("encoder_id").asText(), e.id());
        }
        try (Stream<Path> siblings = Files.list(dir)) {
            assertTrue(siblings.noneMatch(p -> p.getFileName().toString().contains(".tmp-")), "temp folder left behind");
        }
        // a second run into the same folder is refused
        Run again = run("train-indomain", "--data", data.toString(), "--out", encoder.toString(), "--steps", "1");
        assertEquals(1, again.code());
        assertTrue(again.err().contains("--overwrite"), again.err());
    }

    @Test
    void cancelledInDomainTrainingWritesNothing() {
        Path out = dir.resolve("indomain-cancelled");
        InDomainConfig config = new InDomainConfig(16, new int[] {8}, 50, 4, 1e-3, 0.07, 0);
        int[] steps = {0};
        assertThrows(CancellationException.class, () -> InDomainTraining.train(data, out, config, false,
                (step, total, loss, t) -> steps[0] = step, () -> steps[0] >= 2));
        assertEquals(2, steps[0], "stopped right after the step that saw the request");
        assertFalse(Files.exists(out));
    }

    @Test
    void evaluatesTeacherAndStudentEndToEnd() throws Exception {
        Path prompts = dir.resolve("prompts.txt");
        Files.writeString(prompts, EVIL + "\n\na blue square pokemon\n");
        Path out = dir.resolve("eval");
        Run r = run("eval", "--student", student.toString(), "--teacher", teacher.toString(), "--data", data.toString(),
                "--out", out.toString(), "--indomain", encoder.toString(), "--prompts", prompts.toString(),
                "--per-prompt", "2", "--teacher-steps", "3", "--allow-few-samples", "--seed", "5",
                "--speed-warmup", "1", "--speed-reps", "2", "--speed-batch", "2", "--batch", "4");
        assertEquals(0, r.code(), r.err());
        EvalReport report = EvalReport.readJson(out.resolve("report.json"));

        assertEquals(List.of(EVIL, "a blue square pokemon"), report.prompts().stream().map(EvalReport.Prompt::text).toList());
        assertEquals(datasetVersion, report.datasetVersion());
        for (String[] config : new String[][] {{"teacher", "3"}, {"teacher", "1"}, {"teacher", "2"}, {"teacher", "4"},
                {"student", "1"}, {"student", "2"}, {"student", "4"}}) {
            for (String name : List.of("in-domain FD", "in-domain CLIP score", "near-white fraction", "seed diversity",
                    "pixel FD", "pixel FD of real images", "near-copy fraction", "detail ratio (1 = dataset)")) {
                EvalReport.Metric m = metric(report, config[0], Integer.parseInt(config[1]), name);
                assertEquals(4, m.samples(), name + " sample count");
                assertFalse(m.extractor().isBlank());
                assertFalse(m.resize().isBlank());
                assertTrue(Double.isFinite(m.value()), name + " = " + m.value());
            }
            EvalReport.Metric fd = metric(report, config[0], Integer.parseInt(config[1]), "in-domain FD");
            assertEquals(6, fd.referenceSamples());
            assertTrue(fd.extractor().startsWith("in-domain:" + datasetVersion + ":"), fd.extractor());
            assertEquals("pil-bicubic", fd.resize());
            EvalReport.Metric pixelFd = metric(report, config[0], Integer.parseInt(config[1]), "pixel FD");
            assertEquals(6, pixelFd.referenceSamples());
            assertTrue(metric(report, config[0], Integer.parseInt(config[1]), "pixel FD of real images").value() > 0,
                    "real images drawn 4 at a time are not at distance 0 from all 6");
        }
        assertTrue(report.metrics().stream().noneMatch(m -> m.name().contains("FID")), "in-domain FD is never FID");
        checkFdAgainstSavedSamples(report, out);
        checkConfigurations(report);
        checkSpeed(report.speed());
        checkHtml(Files.readString(out.resolve("report.html")));
        assertTrue(Files.exists(data.resolve("cache/eval-stats")), "reference statistics cached in the dataset");
        try (Stream<Path> pngs = Files.list(out.resolve("samples/student-4"))) {
            assertEquals(4, pngs.count());
        }
    }

    /** The reported in-domain FD is the closed-form distance of the saved samples' features to the dataset's. */
    private static void checkFdAgainstSavedSamples(EvalReport report, Path out) throws Exception {
        List<BufferedImage> samples = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            for (int k = 0; k < 2; k++) {
                samples.add(ImageIO.read(out.resolve("samples/student-1/p000" + p + "-k" + k + ".png").toFile()));
            }
        }
        Dataset ds = Dataset.open(data);
        List<BufferedImage> real = new ArrayList<>();
        for (ItemView v : ds.state().included()) {
            real.add(ImageIO.read(ds.imageFile(v.id()).toFile()));
        }
        try (InDomainEncoder e = InDomainEncoder.load(encoder.resolve("in-domain.safetensors"))) {
            FeatureStats s = e.stats(samples);
            FeatureStats ref = e.stats(real);
            double expected = FrechetDistance.allowingFewSamples().compute(s, ref).value();
            assertEquals(expected, metric(report, "student", 1, "in-domain FD").value(), 1e-6 * Math.max(1, expected));
        }
    }

    private static void checkConfigurations(EvalReport report) {
        EvalReport.Configuration s = report.configurations().stream()
                .filter(c -> c.variant().equals("student") && c.steps() == 2).findFirst().orElseThrow();
        assertEquals("euler-ancestral", s.scheduler());
        assertEquals("trailing", s.timestepSpacing());
        assertEquals(0.0, s.guidance());
        EvalReport.Configuration t = report.configurations().get(0);
        assertEquals("teacher", t.variant());
        assertEquals(3, t.steps());
        assertEquals(3.0, t.guidance());
        assertEquals(16, t.width());
        assertEquals(List.of("teacher, 3 steps, CFG 3", "student, 1 step", "student, 2 steps", "student, 4 steps"),
                report.sheets().get(0).rows().stream().map(EvalReport.SheetRow::label).toList());
        assertEquals("samples/student-1/p0000-k1.png", report.sheets().get(0).rows().get(1).images().get(1));
    }

    /** Ratios are per-image medians of the same run: teacher (3 steps + CFG) over each student count. */
    private static void checkSpeed(SpeedBenchmark.SpeedReport speed) {
        assertNotNull(speed);
        assertEquals(8, speed.timings().size(), "teacher + 3 student counts, at 1 and 2 images per call");
        assertEquals(6, speed.ratios().size());
        assertTrue(speed.environment().intraOpThreads() >= 1);
        assertFalse(speed.environment().device().isBlank());
        for (SpeedBenchmark.Ratio ratio : speed.ratios()) {
            SpeedBenchmark.Timing base = timing(speed, ratio.baseline());
            SpeedBenchmark.Timing cand = timing(speed, ratio.candidate());
            assertTrue(base.name().startsWith("teacher 3 steps + CFG 3"), base.name());
            assertEquals(base.imagesPerCall(), cand.imagesPerCall());
            assertEquals(base.medianMsPerImage() / cand.medianMsPerImage(), ratio.speedup(), 1e-9);
            assertEquals(1, cand.warmup());
            assertEquals(2, cand.repetitions());
        }
    }

    private static void checkHtml(String html) {
        assertFalse(html.contains("<script"), "raw script tag");
        assertFalse(html.contains("<img src=https"), "raw prompt markup");
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; a red &quot;pokemon&quot; &amp;"), "escaped prompt");
        assertFalse(html.contains("src=\"http") || html.contains("href=") || html.contains("<link")
                || html.contains("url(") || html.contains("@import"), "external reference");
        String withoutPrompt = html.replace("https://evil.example", "");
        assertFalse(withoutPrompt.contains("http://") || withoutPrompt.contains("https://"), "only the escaped prompt has a URL");
        assertTrue(html.contains("<svg"), "quality-vs-steps plot");
        assertTrue(html.contains("in-domain FD (lower is better)"));
        assertTrue(html.contains("src=\"data:image/png;base64,"), "sheets embedded");
        assertTrue(html.contains("near-white fraction"));
    }

    @Test
    void refusesFewerSamplesThanFeatureDimensions() {
        Path out = dir.resolve("refused");
        Run r = run("eval", "--student", student.toString(), "--data", data.toString(), "--out", out.toString(),
                "--indomain", encoder.toString(), "--prompt-count", "3", "--per-prompt", "2", "--no-speed");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("6 generated images") && r.err().contains("384 feature dimensions"), r.err());
        assertTrue(r.err().contains("--allow-few-samples") && r.err().contains("--per-prompt"), r.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void missingInceptionFileNamesTheFlag() {
        Path missing = dir.resolve("nowhere/inception-2015-12-05.pt");
        Run r = run("eval", "--student", student.toString(), "--data", data.toString(), "--out",
                dir.resolve("no-inception").toString(), "--inception", missing.toString(), "--allow-few-samples");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("--inception") && r.err().contains(missing.toAbsolutePath().toString()), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    }

    @Test
    void defaultPromptsAreASeededCaptionSliceOfTheStudentAlone() throws Exception {
        Path out = dir.resolve("student-only");
        Run r = run("eval", "--student", student.toString(), "--data", data.toString(), "--out", out.toString(),
                "--indomain", encoder.toString(), "--prompt-count", "3", "--per-prompt", "1", "--steps", "1,2",
                "--allow-few-samples", "--seed", "7", "--speed-reps", "1", "--speed-batch", "1", "--sheet-prompts", "1");
        assertEquals(0, r.code(), r.err());
        EvalReport report = EvalReport.readJson(out.resolve("report.json"));
        assertEquals(3, report.prompts().size());
        Dataset ds = Dataset.open(data);
        for (EvalReport.Prompt p : report.prompts()) {
            assertEquals(ds.state().item(p.itemId()).caption(), p.text(), "prompt is the item's caption");
        }
        assertTrue(report.settings().promptSource().contains("seed 7"), report.settings().promptSource());
        assertTrue(report.metrics().stream().noneMatch(m -> m.name().equals("seed diversity")), "K = 1 has no diversity");
        assertEquals(0, report.settings().teacherSteps());
        assertEquals(1, report.speed().ratios().size(), "student 1 step against its 2 steps");
        assertTrue(report.speed().ratios().get(0).baseline().startsWith("student 2 steps"));
        // the same seed picks the same captions
        Path again = dir.resolve("student-only-again");
        assertEquals(0, run("eval", "--student", student.toString(), "--data", data.toString(), "--out", again.toString(),
                "--prompt-count", "3", "--per-prompt", "1", "--steps", "1", "--no-speed", "--seed", "7").code());
        assertEquals(report.prompts(), EvalReport.readJson(again.resolve("report.json")).prompts());
        // an existing report is not replaced without --overwrite
        assertNotEquals(0, run("eval", "--student", student.toString(), "--data", data.toString(), "--out", out.toString(),
                "--per-prompt", "1", "--no-speed").code());
        assertTrue(new File(out.toFile(), "report.html").isFile());
    }

    /** The engine method reports progress and stops on cancellation, leaving no output folder behind. */
    @Test
    void cancellationStopsTheEngineMethodAndWritesNothing() throws Exception {
        Path out = dir.resolve("cancelled");
        EvalSpec spec = EvalSpec.builder().setStudent(student).setDataset(data).setOut(out).optPerPrompt(1)
                .optPromptCount(2).optStudentSteps(4).optSpeed(false).build();
        List<String> stages = new ArrayList<>();
        AtomicBoolean cancel = new AtomicBoolean();
        EvalProgress progress = (stage, done, total) -> {
            stages.add(stage + " " + done + "/" + total);
            if (done == 2) {
                cancel.set(true); // after the second of four denoising steps
            }
        };
        assertThrows(CancellationException.class, () -> Evaluation.run(spec, progress, cancel::get));
        assertEquals(List.of("student, 4 steps: sampling 1/4", "student, 4 steps: sampling 2/4"), stages);
        assertFalse(Files.exists(out));
        try (Stream<Path> siblings = Files.list(dir)) {
            assertTrue(siblings.noneMatch(p -> p.getFileName().toString().startsWith("cancelled")), "temp folder left");
        }
    }

    private static EvalReport.Metric metric(EvalReport r, String variant, int steps, String name) {
        return r.metrics().stream().filter(m -> m.variant().equals(variant) && m.steps() == steps && m.name().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " for " + variant + " " + steps));
    }

    private static SpeedBenchmark.Timing timing(SpeedBenchmark.SpeedReport s, String name) {
        return s.timings().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }
}
