package com.pokegen.engine.eval;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Writes {@code eval/report.html}: one self-contained page (inline CSS and SVG, no scripts, fonts
 * or external URLs) with the metric table and its provenance, a quality-vs-steps plot per metric,
 * the speed table and a contact sheet per prompt. Every string from users or datasets is escaped.
 */
public final class ReportHtml {

    private static final String CSS = "body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1200px}"
            + "table{border-collapse:collapse;margin:8px 0 20px}th,td{border:1px solid #ccc;padding:4px 8px;text-align:left}"
            + "th{background:#f1f3f5}td.n{text-align:right;font-variant-numeric:tabular-nums}"
            + ".plots{display:flex;flex-wrap:wrap;gap:16px}.plot text{font-size:11px;fill:#333}.plot .pt{font-weight:600}"
            + ".sheet{margin:0 0 24px}.sheet p{font-weight:600;white-space:pre-wrap}.row{display:flex;align-items:center;gap:4px}"
            + ".row span{width:150px;font-size:13px}.row img{width:96px;height:96px;image-rendering:pixelated;border:1px solid #ddd}"
            + ".note{color:#8a5300}.small{font-size:12px;color:#555}figure{margin:0;max-width:420px}";

    private ReportHtml() {}

    /** Renders and writes atomically. */
    public static void write(EvalReport report, Path file) throws IOException {
        byte[] html = render(report).getBytes(StandardCharsets.UTF_8);
        Path tmp = SafetensorsFiles.tempSibling(file);
        try {
            Files.write(tmp, html);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        SafetensorsFiles.moveAtomically(tmp, file);
    }

    /** A PNG data URI for embedding an image in the report. */
    public static String dataUri(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding failed", e);
        }
    }

    public static String render(EvalReport r) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'\">")
                .append("<title>").append(Html.escape(r.title())).append("</title><style>").append(CSS).append("</style></head><body>");
        h.append("<h1>").append(Html.escape(r.title())).append("</h1>");
        h.append("<p class=\"small\">run ").append(Html.escape(r.runId())).append(" · ").append(Html.escape(r.createdAt()))
                .append(" · dataset ").append(Html.escape(r.datasetVersion())).append("</p>");
        settings(h, r.settings());
        notes(h, r);
        configurations(h, r);
        metrics(h, r);
        speed(h, r.speed());
        sheets(h, r);
        return h.append("</body></html>\n").toString();
    }

    private static void settings(StringBuilder h, EvalReport.Settings s) {
        if (s == null) {
            return;
        }
        h.append("<p>Prompts: ").append(Html.escape(s.promptSource())).append("; ").append(s.imagesPerPrompt())
                .append(" images per prompt; seed ").append(s.seed()).append("; teacher ").append(s.teacherSteps())
                .append(" steps, CFG ").append(SvgLinePlot.fmt(s.guidanceScale())).append("; ").append(s.resolution())
                .append(" px.</p>");
    }

    private static void configurations(StringBuilder h, EvalReport r) {
        if (r.configurations().isEmpty()) {
            return;
        }
        h.append("<h2>Configurations</h2><table><tr><th>configuration</th><th>model</th><th>sampler</th>"
                + "<th>spacing</th><th>guidance</th><th>images</th><th>size</th></tr>");
        for (EvalReport.Configuration c : r.configurations()) {
            h.append("<tr><td>").append(Html.escape(c.label())).append("</td><td>").append(Html.escape(c.modelId()))
                    .append("</td><td>").append(Html.escape(c.scheduler())).append("</td><td>")
                    .append(Html.escape(c.timestepSpacing())).append("</td><td class=\"n\">")
                    .append(SvgLinePlot.fmt(c.guidance())).append(c.guidance() > 1 ? " (CFG)" : " (no CFG)")
                    .append("</td><td class=\"n\">").append(c.images()).append("</td><td class=\"n\">").append(c.width())
                    .append("×").append(c.height()).append("</td></tr>");
        }
        h.append("</table>");
    }

    private static void notes(StringBuilder h, EvalReport r) {
        if (r.notes().isEmpty()) {
            return;
        }
        h.append("<ul class=\"note\">");
        for (String n : r.notes()) {
            h.append("<li>").append(Html.escape(n)).append("</li>");
        }
        h.append("</ul>");
    }

    private static void metrics(StringBuilder h, EvalReport r) {
        if (r.metrics().isEmpty()) {
            return;
        }
        h.append("<h2>Quality</h2><div class=\"plots\">");
        Set<String> names = new LinkedHashSet<>();
        r.metrics().forEach(m -> names.add(m.name()));
        for (String name : names) {
            boolean lower = r.metrics().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow().lowerIsBetter();
            h.append("<figure>").append(SvgLinePlot.render(name + (lower ? " (lower is better)" : " (higher is better)"),
                    name, SvgLinePlot.seriesFor(r.metrics(), name)));
            h.append("<figcaption class=\"small\">").append(Html.escape(provenance(r, name))).append("</figcaption></figure>");
        }
        h.append("</div><table><tr><th>metric</th><th>variant</th><th>steps</th><th>value</th><th>N</th>"
                + "<th>reference N</th><th>extractor</th><th>resize</th></tr>");
        for (EvalReport.Metric m : r.metrics()) {
            String value = String.format(Locale.ROOT, "%.4g", m.value())
                    + (Double.isNaN(m.std()) ? "" : String.format(Locale.ROOT, " ± %.2g", m.std()));
            h.append("<tr><td>").append(Html.escape(m.name())).append("</td><td>").append(Html.escape(m.variant()))
                    .append("</td><td class=\"n\">").append(m.steps()).append("</td><td class=\"n\">").append(Html.escape(value))
                    .append("</td><td class=\"n\">").append(m.samples()).append("</td><td class=\"n\">")
                    .append(m.referenceSamples() == 0 ? "–" : Long.toString(m.referenceSamples())).append("</td><td>")
                    .append(Html.escape(m.extractor())).append("</td><td>").append(Html.escape(m.resize())).append("</td></tr>");
        }
        h.append("</table>");
    }

    /** "extractor · resize · N = 128 per point, reference N = 649" for every distinct provenance of one metric. */
    private static String provenance(EvalReport r, String name) {
        Set<String> parts = new LinkedHashSet<>();
        for (EvalReport.Metric m : r.metrics()) {
            if (m.name().equals(name)) {
                parts.add(m.extractor() + " · resize " + m.resize() + " · N = " + m.samples()
                        + (m.referenceSamples() == 0 ? "" : ", reference N = " + m.referenceSamples()));
            }
        }
        return String.join("; ", parts);
    }

    private static void speed(StringBuilder h, SpeedBenchmark.SpeedReport s) {
        if (s == null) {
            return;
        }
        BenchEnvironment e = s.environment();
        h.append("<h2>Speed</h2><p class=\"small\">").append(Html.escape(e.engine())).append(" on ")
                .append(Html.escape(e.device())).append(", ").append(e.intraOpThreads()).append(" intra-op / ")
                .append(e.interOpThreads()).append(" inter-op threads, ").append(e.availableProcessors())
                .append(" cores, ").append(Html.escape(e.os())).append(", Java ").append(Html.escape(e.java()))
                .append(". Medians after warm-up, measured in one run.</p>");
        h.append("<table><tr><th>case</th><th>images/call</th><th>warm-up</th><th>repetitions</th><th>median ms</th>"
                + "<th>p90 ms</th><th>ms/image</th><th>images/s</th><th>speed-up</th></tr>");
        for (SpeedBenchmark.Timing t : s.timings()) {
            String ratio = s.ratios().stream().filter(x -> x.candidate().equals(t.name())).findFirst()
                    .map(x -> String.format(Locale.ROOT, "%.1f×", x.speedup())).orElse("baseline");
            h.append("<tr><td>").append(Html.escape(t.name())).append("</td><td class=\"n\">").append(t.imagesPerCall())
                    .append("</td><td class=\"n\">").append(t.warmup()).append("</td><td class=\"n\">").append(t.repetitions())
                    .append(String.format(Locale.ROOT, "</td><td class=\"n\">%.1f</td><td class=\"n\">%.1f</td><td class=\"n\">%.2f"
                            + "</td><td class=\"n\">%.2f</td>", t.medianMs(), t.p90Ms(), t.medianMsPerImage(), t.imagesPerSecond()))
                    .append("<td class=\"n\">").append(ratio).append("</td></tr>");
        }
        h.append("</table>");
    }

    private static void sheets(StringBuilder h, EvalReport r) {
        if (r.sheets().isEmpty()) {
            return;
        }
        h.append("<h2>Samples</h2>");
        for (EvalReport.PromptSheet sheet : r.sheets()) {
            h.append("<div class=\"sheet\"><p>").append(Html.escape(sheet.prompt())).append("</p>");
            for (EvalReport.SheetRow row : sheet.rows()) {
                h.append("<div class=\"row\"><span>").append(Html.escape(row.label())).append("</span>");
                for (String img : row.images()) {
                    h.append("<img src=\"").append(Html.escape(Html.imageSource(img))).append("\" alt=\"")
                            .append(Html.escape(row.label() + ": " + sheet.prompt())).append("\">");
                }
                h.append("</div>");
            }
            h.append("</div>");
        }
    }
}
