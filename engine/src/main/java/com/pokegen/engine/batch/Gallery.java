package com.pokegen.engine.batch;

import com.pokegen.engine.eval.Html;
import com.pokegen.engine.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The offline gallery of a batch ({@code gallery/}): an index with counts and one link per
 * prompt, then thumbnail pages of {@value #PAGE} images for all images, for each prompt (the
 * filter) and for the flagged ones. Static HTML without scripts or external URLs; thumbnails are
 * the PNGs in {@code ../images/}, each linking to itself. Rewritten whole after every run.
 */
public final class Gallery {

    public static final String DIR = "gallery";
    public static final String INDEX = DIR + "/index.html";
    static final int PAGE = 100;

    private static final String CSS = "body{font-family:system-ui,sans-serif;margin:16px;color:#222}"
            + "nav a{margin-right:10px}.grid{display:flex;flex-wrap:wrap;gap:8px}"
            + "figure{margin:0;width:136px;font-size:11px}figure img{display:block;max-width:128px;height:auto;"
            + "image-rendering:pixelated;border:4px solid #fff}figure.flag img{border-color:#e8590c}"
            + "figcaption{overflow-wrap:anywhere}.p{display:block;max-height:2.6em;overflow:hidden}.flags{color:#c2410c}td,th{padding:2px 8px;text-align:left}";

    private Gallery() {}

    /** Writes every page of the gallery for {@code rows} into {@code batchDir/gallery/}. */
    public static void write(Path batchDir, List<ManifestRow> rows, Curation curation) throws IOException {
        Path dir = batchDir.resolve(DIR);
        Files.createDirectories(dir);
        List<ManifestRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(ManifestRow::prompt).thenComparingLong(ManifestRow::seed)
                .thenComparingInt(ManifestRow::steps));
        Map<String, List<ManifestRow>> byPrompt = new LinkedHashMap<>();
        sorted.forEach(r -> byPrompt.computeIfAbsent(r.prompt(), p -> new ArrayList<>()).add(r));
        List<ManifestRow> flagged = sorted.stream().filter(r -> !curation.flags(r.file()).isEmpty()).toList();

        StringBuilder index = new StringBuilder();
        head(index, "Batch gallery");
        index.append("<p>").append(sorted.size()).append(" images, ").append(byPrompt.size()).append(" prompts, ")
                .append(curation.duplicates().size()).append(" near-duplicates, ").append(curation.offBrief().size())
                .append(" off-brief colours").append(sorted.isEmpty() ? "" : " · model " + Html.escape(sorted.get(0).model()))
                .append("</p><nav><a href=\"all-1.html\">all images</a><a href=\"flagged-1.html\">flagged</a></nav>");
        index.append("<h2>Filter by prompt</h2><table><tr><th>prompt</th><th>images</th><th>flagged</th></tr>");
        int p = 0;
        for (Map.Entry<String, List<ManifestRow>> e : byPrompt.entrySet()) {
            String stem = String.format("prompt-%03d", ++p);
            long flags = e.getValue().stream().filter(flagged::contains).count();
            index.append("<tr><td><a href=\"").append(stem).append("-1.html\">").append(Html.escape(e.getKey()))
                    .append("</a></td><td>").append(e.getValue().size()).append("</td><td>").append(flags).append("</td></tr>");
            pages(dir, stem, "Prompt: " + e.getKey(), e.getValue(), curation);
        }
        index.append("</table></body></html>");
        pages(dir, "all", "All images", sorted, curation);
        pages(dir, "flagged", "Flagged images", flagged, curation);
        AtomicFiles.writeString(dir.resolve("index.html"), index.toString());
    }

    /** {@code stem-1.html}, {@code stem-2.html}, ...: {@value #PAGE} thumbnails each (one empty page when none). */
    private static void pages(Path dir, String stem, String title, List<ManifestRow> rows, Curation curation)
            throws IOException {
        int count = Math.max(1, (rows.size() + PAGE - 1) / PAGE);
        for (int page = 1; page <= count; page++) {
            StringBuilder h = new StringBuilder();
            head(h, title);
            h.append("<nav><a href=\"index.html\">index</a>");
            if (page > 1) {
                h.append("<a href=\"").append(stem).append('-').append(page - 1).append(".html\">previous</a>");
            }
            h.append("page ").append(page).append(" of ").append(count);
            if (page < count) {
                h.append("<a href=\"").append(stem).append('-').append(page + 1).append(".html\">next</a>");
            }
            h.append("</nav><div class=\"grid\">");
            for (ManifestRow r : rows.subList((page - 1) * PAGE, Math.min(rows.size(), page * PAGE))) {
                thumbnail(h, r, curation.flags(r.file()));
            }
            h.append("</div></body></html>");
            AtomicFiles.writeString(dir.resolve(stem + "-" + page + ".html"), h.toString());
        }
    }

    private static void thumbnail(StringBuilder h, ManifestRow r, List<String> flags) {
        String src = Html.escape(Html.imageSource("../" + r.file()));
        h.append(flags.isEmpty() ? "<figure>" : "<figure class=\"flag\">").append("<a href=\"").append(src)
                .append("\"><img src=\"").append(src).append("\" alt=\"").append(Html.escape(r.prompt()))
                .append(", seed ").append(r.seed()).append("\" title=\"").append(Html.escape(r.prompt())).append("\"></a>")
                .append("<figcaption><span class=\"p\">").append(Html.escape(r.prompt())).append("</span>seed ")
                .append(r.seed()).append(" · ").append(r.steps()).append(" step(s)");
        for (String f : flags) {
            h.append("<br><span class=\"flags\">").append(Html.escape(f)).append("</span>");
        }
        h.append("</figcaption></figure>");
    }

    private static void head(StringBuilder h, String title) {
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src 'self' file:;"
                        + " style-src 'unsafe-inline'\">")
                .append("<title>").append(Html.escape(title)).append("</title><style>").append(CSS)
                .append("</style></head><body><h1>").append(Html.escape(title)).append("</h1>");
    }
}
