package com.pokegen.engine.cli;

import com.pokegen.engine.data.Cancellation;
import com.pokegen.engine.data.Cleaner;
import com.pokegen.engine.data.CleaningOptions;
import com.pokegen.engine.data.CleaningReport;
import com.pokegen.engine.data.Dataset;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pokegen data clean DATASET}: report defects and record fixes/exclusions as one undoable edit. */
@Command(name = "clean", mixinStandardHelpOptions = true,
        description = "Clean a dataset (non-destructive: one journal edit) and write a report.")
final class DataCleanCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "Dataset folder.")
    Path dataset;

    @Option(names = "--report", description = "Report file (default: DATASET/clean-report.json).")
    Path report;

    @Option(names = "--near-duplicate-bits", defaultValue = "6", description = "Perceptual-hash distance for near duplicates (default: ${DEFAULT-VALUE}; 0 disables).")
    int nearBits;

    @Option(names = "--min-side", defaultValue = "64", description = "Smallest accepted shorter side in pixels (default: ${DEFAULT-VALUE}).")
    int minSide;

    @Option(names = "--dry-run", description = "Only report; record nothing in the journal.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        Dataset ds = Dataset.open(dataset);
        CleaningOptions options = CleaningOptions.defaults().withNearDuplicateBits(nearBits).withMinSide(minSide)
                .withApply(!dryRun);
        CleaningReport r = Cleaner.clean(ds, options, DataCommand.consoleProgress(), Cancellation.NEVER);
        Path file = report != null ? report : dataset.resolve("clean-report.json");
        r.write(file);
        System.out.print(r.summary());
        System.out.println("report: " + file);
        return 0;
    }
}
