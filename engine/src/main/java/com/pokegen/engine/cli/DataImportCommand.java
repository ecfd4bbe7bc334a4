package com.pokegen.engine.cli;

import com.pokegen.engine.data.Cancellation;
import com.pokegen.engine.data.CleaningReason;
import com.pokegen.engine.data.Dataset;
import com.pokegen.engine.data.DatasetImporter;
import com.pokegen.engine.data.Finding;
import com.pokegen.engine.data.ImportOptions;
import com.pokegen.engine.data.source.SourceFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pokegen data import SRC --to DATASET}: copy a captioned-image source into a new dataset folder. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import a captioned-image folder, CSV or parquet into a new dataset folder.")
final class DataImportCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "Source folder or .jsonl/.csv/.parquet file (never modified).")
    Path source;

    @Option(names = "--to", required = true, description = "New dataset folder.")
    Path to;

    @Option(names = "--caption-column", defaultValue = "text", description = "Caption column (default: ${DEFAULT-VALUE}).")
    String captionColumn;

    @Option(names = "--format", description = "Source layout: ${COMPLETION-CANDIDATES} (default: detected).")
    SourceFormat format;

    @Option(names = "--pixel-budget", description = "Most pixels per picture before it is refused as a bomb.")
    Long pixelBudget;

    @Override
    public Integer call() throws Exception {
        ImportOptions options = ImportOptions.defaults().withCaptionColumn(captionColumn).withFormat(format);
        if (pixelBudget != null) {
            options = options.withPixelBudget(pixelBudget);
        }
        Dataset ds = DatasetImporter.importFrom(source, to, options, DataCommand.consoleProgress(), Cancellation.NEVER);
        System.out.println("imported " + ds.importedItems().size() + " items into " + ds.dir() + ", version " + ds.version());
        Map<CleaningReason, Integer> counts = new TreeMap<>();
        for (Finding f : ds.importFindings()) {
            counts.merge(f.reason(), 1, Integer::sum);
        }
        counts.forEach((r, n) -> System.out.printf("  %-20s %5d  %s%n", r, n, r.description()));
        if (ds.importedItems().isEmpty() && !counts.isEmpty()) {
            throw new IOException("no item imported: every record of " + source + " had a problem, listed in "
                    + ds.importFindingsFile() + "; fix the source and import into a new folder");
        }
        if (!counts.isEmpty()) {
            System.out.println("run `pokegen data clean " + to + "` for the full report");
        }
        return 0;
    }
}
