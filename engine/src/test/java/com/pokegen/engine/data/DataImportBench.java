package com.pokegen.engine.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Done-when 6: import + clean time for 1,000 pictures (256×256 PNG, imagefolder layout).
 * Prints medians of three runs; asserts only that the work was done, never a time.
 * Run: {@code ./mvnw -B -Pbench test -pl engine -Dtest=DataImportBench}.
 */
@Tag("bench")
class DataImportBench {

    private static final int PICTURES = 1000;
    private static final int RUNS = 3;

    @TempDir
    Path tmp;

    @Test
    void importAndCleanOneThousandPictures() throws IOException {
        Path source = Files.createDirectories(tmp.resolve("source"));
        StringBuilder metadata = new StringBuilder();
        for (int i = 0; i < PICTURES; i++) {
            String name = String.format("img%04d.png", i);
            Files.write(source.resolve(name), TestImages.encode(TestImages.shapes(1000 + i, 256, 256), "png"));
            metadata.append("{\"file_name\": \"").append(name).append("\", \"text\": \"a  picture number ")
                    .append(i).append("\"}\n");
        }
        Files.writeString(source.resolve("metadata.jsonl"), metadata, StandardCharsets.UTF_8);

        List<Double> importMs = new ArrayList<>();
        List<Double> cleanMs = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            long t0 = System.nanoTime();
            Dataset ds = DatasetImporter.importFrom(source, tmp.resolve("ds" + run), ImportOptions.defaults(),
                    ProgressListener.NONE, Cancellation.NEVER);
            long t1 = System.nanoTime();
            CleaningReport report = Cleaner.clean(ds, CleaningOptions.defaults(), ProgressListener.NONE, Cancellation.NEVER);
            long t2 = System.nanoTime();
            importMs.add((t1 - t0) / 1e6);
            cleanMs.add((t2 - t1) / 1e6);
            if (ds.importedItems().size() != PICTURES
                    || report.findings(CleaningReason.CAPTION_NORMALISED).size() != PICTURES) {
                throw new AssertionError("benchmark did not import and clean every picture: " + report.summary());
            }
        }
        double imp = median(importMs);
        double cln = median(cleanMs);
        System.out.printf("data bench, %d pictures 256x256 PNG, %d cores, median of %d runs:%n", PICTURES,
                Runtime.getRuntime().availableProcessors(), RUNS);
        System.out.printf("  import  %8.0f ms  (%.2f ms/picture)%n", imp, imp / PICTURES);
        System.out.printf("  clean   %8.0f ms  (%.3f ms/picture)%n", cln, cln / PICTURES);
        System.out.printf("  clean/import ratio %.3f%n", cln / imp);
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
