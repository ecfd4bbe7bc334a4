package com.pokegen.engine.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.data.image.DecodedImage;
import com.pokegen.engine.data.image.ImageLoader;
import com.pokegen.engine.data.image.ImageOps;
import com.pokegen.engine.data.image.ImageProblem;
import com.pokegen.engine.data.image.PerceptualHash;
import com.pokegen.engine.data.source.SourceFormat;
import com.pokegen.engine.data.source.SourceIssue;
import com.pokegen.engine.data.source.SourceRecord;
import com.pokegen.engine.data.source.SourceScan;
import com.pokegen.engine.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * Imports a captioned-image source into a new dataset folder. The source is only read:
 * pictures are decoded, composited on white and stored as RGB PNG copies; files that cannot be
 * used are reported ({@link Dataset#importFindings()}) and skipped. Records are sorted by file
 * name, so every layout of the same content yields the same items and the same version.
 */
public final class DatasetImporter {

    private DatasetImporter() {}

    /**
     * @param source a folder (imagefolder, sidecar captions, {@code metadata.csv}, parquet files) or a
     *     {@code .jsonl}/{@code .csv}/{@code .parquet} file
     * @param datasetDir the new dataset folder (absent or empty; not inside the source)
     * @param cancel raised to stop; the partial import is removed and {@link
     *     java.util.concurrent.CancellationException} thrown
     */
    public static Dataset importFrom(Path source, Path datasetDir, ImportOptions options, ProgressListener progress,
            BooleanSupplier cancel) throws IOException {
        Objects.requireNonNull(options, "options");
        ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
        checkTarget(source, datasetDir);
        SourceFormat format = options.format() != null ? options.format() : SourceFormat.detect(source);
        listener.progress("read", 0, -1);
        SourceScan scan = format.read(source, options.captionColumn());
        List<Finding> findings = new ArrayList<>();
        for (SourceIssue issue : scan.issues()) {
            findings.add(new Finding(CleaningReason.valueOf(issue.problem().name()), issue.name(), null, issue.detail()));
        }
        List<SourceRecord> records = new ArrayList<>(scan.records());
        records.sort(Comparator.comparing(SourceRecord::name));
        List<String> ids = assignIds(records);

        Files.createDirectories(datasetDir);
        Path staging = AtomicFiles.tempSibling(datasetDir.resolve(DatasetFiles.IMPORT_DIR));
        try {
            Path images = Files.createDirectories(staging.resolve(DatasetFiles.IMAGES_DIR));
            Outcome[] outcomes;
            try {
                outcomes = decodeAll(records, ids, images, options, listener, cancel);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            List<Item> items = new ArrayList<>();
            for (Outcome o : outcomes) {
                findings.addAll(o.findings);
                if (o.item != null) {
                    items.add(o.item);
                }
            }
            Files.write(staging.resolve(DatasetFiles.ITEMS), DatasetFiles.itemsJsonl(items));
            Files.write(staging.resolve(DatasetFiles.IMPORT_FINDINGS), DatasetFiles.findingsJson(findings));
            AtomicFiles.move(staging, datasetDir.resolve(DatasetFiles.IMPORT_DIR));
            writeManifest(source, datasetDir, format, options, items.size());
        } finally {
            AtomicFiles.deleteTree(staging);
        }
        listener.progress("done", records.size(), records.size());
        return Dataset.open(datasetDir);
    }

    private static void checkTarget(Path source, Path datasetDir) throws IOException {
        if (!Files.exists(source)) {
            throw new IOException(source + " does not exist");
        }
        Path src = source.toRealPath();
        Path dst = datasetDir.toAbsolutePath().normalize();
        Path srcFolder = Files.isDirectory(src) ? src : src.getParent();
        if (dst.startsWith(srcFolder) || (Files.exists(dst) && dst.toRealPath().startsWith(srcFolder))) {
            throw new IllegalArgumentException("the dataset folder " + datasetDir + " is inside the source folder "
                    + srcFolder + "; choose a folder outside it (the source is never modified)");
        }
        if (Files.exists(datasetDir) && !Files.isDirectory(datasetDir)) {
            throw new IOException(datasetDir + " is a file, not a dataset folder; import into a new folder");
        }
        if (Files.exists(datasetDir)) {
            try (var list = Files.list(datasetDir)) {
                if (list.anyMatch(p -> !p.getFileName().toString().contains(AtomicFiles.TEMP_MARK))) {
                    throw new IOException(datasetDir + " is not empty; import into a new folder");
                }
            }
        }
    }

    /** Item ids from file names: extension dropped, unsafe characters replaced, repeats numbered. */
    static List<String> assignIds(List<SourceRecord> records) {
        Set<String> used = new HashSet<>();
        List<String> ids = new ArrayList<>();
        for (SourceRecord r : records) {
            String base = r.name();
            int dot = base.lastIndexOf('.');
            if (dot > base.lastIndexOf('/') + 1) {
                base = base.substring(0, dot);
            }
            base = base.replace('/', '_').replaceAll("[^A-Za-z0-9._-]", "_");
            if (base.isEmpty() || base.startsWith(".")) {
                base = "item" + base;
            }
            String id = base;
            for (int n = 2; !used.add(id.toLowerCase(Locale.ROOT)); n++) {
                id = base + "-" + n;
            }
            ids.add(id);
        }
        return ids;
    }

    /** Result of one record: an item, findings, or both. */
    private record Outcome(Item item, List<Finding> findings) {}

    private static Outcome[] decodeAll(List<SourceRecord> records, List<String> ids, Path images, ImportOptions options,
            ProgressListener listener, BooleanSupplier cancel) {
        ImageLoader loader = new ImageLoader(options.pixelBudget(), options.svgSize());
        Outcome[] outcomes = new Outcome[records.size()];
        AtomicInteger done = new AtomicInteger();
        // Decoding and PNG encoding dominate; items are independent, so spread them over cores.
        IntStream.range(0, records.size()).parallel().forEach(i -> {
            Cancellation.check(cancel, "import");
            try {
                outcomes[i] = decodeOne(records.get(i), ids.get(i), images, loader, options);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            listener.progress("decode", done.incrementAndGet(), records.size());
        });
        return outcomes;
    }

    private static Outcome decodeOne(SourceRecord r, String id, Path images, ImageLoader loader, ImportOptions options)
            throws IOException {
        byte[] bytes;
        try {
            bytes = r.image().read(options.maxFileBytes());
        } catch (IOException e) {
            return rejected(CleaningReason.FILE_TOO_LARGE, r, e.getMessage() + "; raise ImportOptions.maxFileBytes if it is genuine");
        }
        DecodedImage img;
        try {
            img = loader.decode(bytes);
        } catch (ImageProblem p) {
            return rejected(CleaningReason.valueOf(p.kind().name()), r, r.name() + ": " + p.getMessage());
        }
        Files.write(images.resolve(id + ".png"), ImageOps.png(img.rgb()));
        ObjectNode meta = r.meta() == null ? DatasetFiles.JSON.createObjectNode() : r.meta();
        Item item = new Item(id, r.name(), r.caption(), ImageOps.pixelHash(img.rgb()), PerceptualHash.of(img.rgb()),
                PerceptualHash.colourGrid(img.rgb()),                 img.width(), img.height(), meta);
        List<Finding> findings = new ArrayList<>();
        if (img.hadTransparency()) {
            findings.add(new Finding(CleaningReason.ALPHA_COMPOSITED, r.name(), id,
                    r.name() + ": transparent pixels composited on white (the stored copy is opaque RGB)"));
        }
        return new Outcome(item, findings);
    }

    private static Outcome rejected(CleaningReason reason, SourceRecord r, String detail) {
        return new Outcome(null, List.of(new Finding(reason, r.name(), null, detail)));
    }

    private static void writeManifest(Path source, Path datasetDir, SourceFormat format, ImportOptions options, int count)
            throws IOException {
        ObjectNode m = DatasetFiles.JSON.createObjectNode();
        m.put("format", DatasetFiles.FORMAT);
        m.put("formatVersion", DatasetFiles.FORMAT_VERSION);
        m.put("created", Instant.now().toString());
        m.put("source", source.toAbsolutePath().toString());
        m.put("sourceFormat", format.name());
        m.put("captionColumn", options.captionColumn());
        m.put("pixelBudget", options.pixelBudget());
        m.put("svgSize", options.svgSize());
        m.put("items", count);
        AtomicFiles.writeBytes(datasetDir.resolve(DatasetFiles.MANIFEST),
                DatasetFiles.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(m));
    }
}
