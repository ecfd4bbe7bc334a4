package com.pokegen.engine.eval.run;

import com.pokegen.engine.eval.EvalReport;
import com.pokegen.engine.eval.ReportHtml;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The contact sheets: for each of the first prompts, one row per configuration (teacher N steps,
 * student at each step count) with its K images. {@code report.json} refers to the sample PNGs by
 * relative path; {@code report.html} embeds them as data URIs, so the page is one file that
 * works offline and can be moved or mailed on its own.
 */
final class ReportSheets {

    private final PromptSet prompts;
    private final int perPrompt;
    private final int shown;
    private final List<String> labels = new ArrayList<>();
    private final List<String> dirs = new ArrayList<>();
    private final Map<String, BufferedImage> byPath = new HashMap<>();

    ReportSheets(PromptSet prompts, int perPrompt, int sheetPrompts) {
        this.prompts = prompts;
        this.perPrompt = perPrompt;
        this.shown = Math.min(sheetPrompts, prompts.size());
    }

    /** Keeps the images of the shown prompts of one configuration (prompt-major order). */
    void add(String label, String dir, List<BufferedImage> images) {
        labels.add(label);
        dirs.add(dir);
        for (int p = 0; p < shown; p++) {
            for (int k = 0; k < perPrompt; k++) {
                byPath.put(path(dir, p, k), images.get(p * perPrompt + k));
            }
        }
    }

    private static String path(String dir, int prompt, int k) {
        return dir + "/" + SampledConfiguration.fileName(prompt, k);
    }

    /** Sheets whose images are paths relative to the report. */
    List<EvalReport.PromptSheet> withPaths() {
        List<EvalReport.PromptSheet> out = new ArrayList<>();
        for (int p = 0; p < shown; p++) {
            List<EvalReport.SheetRow> rows = new ArrayList<>();
            for (int c = 0; c < labels.size(); c++) {
                List<String> images = new ArrayList<>();
                for (int k = 0; k < perPrompt; k++) {
                    images.add(path(dirs.get(c), p, k));
                }
                rows.add(new EvalReport.SheetRow(labels.get(c), images));
            }
            out.add(new EvalReport.PromptSheet(prompts.prompts().get(p).text(), rows));
        }
        return out;
    }

    /** {@code report} with every sheet image replaced by its PNG data URI. */
    EvalReport embedded(EvalReport report) {
        List<EvalReport.PromptSheet> sheets = new ArrayList<>();
        for (EvalReport.PromptSheet s : report.sheets()) {
            List<EvalReport.SheetRow> rows = new ArrayList<>();
            for (EvalReport.SheetRow r : s.rows()) {
                rows.add(new EvalReport.SheetRow(r.label(), r.images().stream().map(this::dataUri).toList()));
            }
            sheets.add(new EvalReport.PromptSheet(s.prompt(), rows));
        }
        return new EvalReport(report.title(), report.runId(), report.createdAt(), report.datasetVersion(),
                report.settings(), report.prompts(), report.configurations(), report.metrics(), sheets, report.speed(),
                report.notes());
    }

    private String dataUri(String path) {
        BufferedImage image = byPath.get(path);
        if (image == null) {
            throw new IllegalStateException("no kept image for " + path);
        }
        return ReportHtml.dataUri(image);
    }
}
