package com.pokegen.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportHtmlTest {

    private static final String EVIL = "<script>alert('x')</script> & \"quotes\" a red & blue dragon";

    @TempDir
    Path dir;

    static EvalReport sample(List<String> images) {
        BenchEnvironment env = new BenchEnvironment("PyTorch 2.7.1", "cpu()", 2, 2, 2, "Linux 6 amd64", "17.0.12");
        SpeedBenchmark.Timing teacher = SpeedBenchmark.Timing.of("teacher 50 steps + CFG", 2, 4,
                new long[] {4_000_000_000L, 4_400_000_000L, 4_200_000_000L});
        SpeedBenchmark.Timing student = SpeedBenchmark.Timing.of("student 1 step <fast>", 2, 4, new long[] {44_000_000L});
        SpeedBenchmark.SpeedReport speed = new SpeedBenchmark.SpeedReport(env, List.of(teacher, student),
                List.of(new SpeedBenchmark.Ratio(student.name(), teacher.name(), 95.45)));
        List<EvalReport.Metric> metrics = List.of(
                new EvalReport.Metric("teacher", 50, "in-domain FD", 0.80, Double.NaN, 128, 649, "in-domain:v1:abcd", "pil-bicubic", true),
                new EvalReport.Metric("student", 1, "in-domain FD", 0.40, Double.NaN, 128, 649, "in-domain:v1:abcd", "pil-bicubic", true),
                new EvalReport.Metric("student", 4, "in-domain FD", 0.20, Double.NaN, 128, 649, "in-domain:v1:abcd", "pil-bicubic", true),
                new EvalReport.Metric("student", 4, "in-domain CLIP score", 27.5, Double.NaN, 128, 0, "in-domain:v1:abcd", "pil-bicubic", false));
        return new EvalReport("Eval of " + EVIL, "runs/teacher-1", "2026-11-25T10:00:00Z", "pack-v1",
                new EvalReport.Settings("held-out captions (2)", 2, 7, 50, 3.0, 32), metrics,
                List.of(new EvalReport.PromptSheet(EVIL, List.of(new EvalReport.SheetRow("teacher, 50 steps", images)))),
                speed, List.of("prompt 3 was truncated to 77 tokens <b>"));
    }

    @Test
    void escapesUserStringsAndStaysOffline() throws IOException {
        String dataUri = ReportHtml.dataUri(TorchScriptExtractorTest.solid(4, 4, 0xff0000));
        EvalReport report = sample(List.of("samples/teacher/0 & 1.png", dataUri));
        Path html = dir.resolve("eval/report.html");
        ReportHtml.write(report, html);
        String out = Files.readString(html);
        assertFalse(out.contains("<script"), "raw script tag in output");
        assertFalse(out.contains("<b>"));
        assertTrue(out.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;"), out);
        assertTrue(out.contains("student 1 step &lt;fast&gt;"));
        assertFalse(out.contains("http://") || out.contains("https://"), "external reference in the report");
        assertFalse(out.contains("<link") || out.contains("@import") || out.contains("url("), "external resource");
        assertTrue(out.contains("src=\"samples/teacher/0%20%26%201.png\""), out);
        assertTrue(out.contains("src=\"" + dataUri + "\""));
        assertTrue(out.contains("<svg"));
        assertTrue(out.contains("95.5×"));
        assertTrue(out.contains("<td>in-domain:v1:abcd</td><td>pil-bicubic</td>"), "provenance columns");
    }

    @Test
    void plotPlacesPointsOnLogStepsAxis() {
        String svg = SvgLinePlot.render("in-domain FD", "FD", SvgLinePlot.seriesFor(sample(List.of()).metrics(), "in-domain FD"));
        Matcher m = Pattern.compile("<polyline[^>]*points=\"([^\"]+)\"").matcher(svg);
        assertTrue(m.find());
        assertEquals("student", SvgLinePlot.seriesFor(sample(List.of()).metrics(), "in-domain FD").get(1).name());
        assertTrue(m.find(), "second series (student)");
        String[] pts = m.group(1).split(" ");
        assertEquals(2, pts.length);
        // student: steps 1 → left edge, value 0.4; steps 4 → log₂ 2 of log₂ 50 along the axis, value 0.2 (the minimum)
        double plotWidth = SvgLinePlot.WIDTH - SvgLinePlot.LEFT - SvgLinePlot.RIGHT;
        assertEquals(SvgLinePlot.LEFT, Double.parseDouble(pts[0].split(",")[0]), 0.05);
        assertEquals(SvgLinePlot.LEFT + plotWidth * Math.log(4) / Math.log(50), Double.parseDouble(pts[1].split(",")[0]), 0.05);
        assertEquals(SvgLinePlot.HEIGHT - SvgLinePlot.BOTTOM, Double.parseDouble(pts[1].split(",")[1]), 0.05);
        double yTop = SvgLinePlot.TOP;
        double y04 = SvgLinePlot.HEIGHT - SvgLinePlot.BOTTOM - (0.4 - 0.2) / (0.8 - 0.2) * (SvgLinePlot.HEIGHT - yTop - SvgLinePlot.BOTTOM);
        assertEquals(y04, Double.parseDouble(pts[0].split(",")[1]), 0.05);
    }

    @Test
    void rejectsImageReferencesThatLeaveTheReport() {
        for (String bad : List.of("https://example.org/a.png", "javascript:alert(1)", "/etc/passwd", "//host/x.png",
                "data:text/html;base64,PHNjcmlwdD4=")) {
            assertThrows(IllegalArgumentException.class, () -> ReportHtml.render(sample(List.of(bad))), bad);
        }
    }

    @Test
    void jsonRoundTrips() throws IOException {
        EvalReport report = sample(List.of("a.png"));
        Path json = dir.resolve("report.json");
        report.writeJson(json);
        EvalReport back = EvalReport.readJson(json);
        assertEquals(report.metrics(), back.metrics());
        assertEquals(report.sheets(), back.sheets());
        assertEquals(report.title(), back.title());
        assertEquals(report.speed().ratios(), back.speed().ratios());
        assertEquals(report.speed().timings().get(0).medianMs(), back.speed().timings().get(0).medianMs(), 0);
        assertTrue(Double.isNaN(back.metrics().get(0).std()));
    }
}
