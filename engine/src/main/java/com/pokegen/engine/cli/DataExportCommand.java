package com.pokegen.engine.cli;

import com.pokegen.engine.data.Dataset;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pokegen data export DATASET --to DIR}: write a version as folder + metadata.jsonl. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a dataset version as an imagefolder (pictures + metadata.jsonl).")
final class DataExportCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "Dataset folder.")
    Path dataset;

    @Option(names = "--to", required = true, description = "New folder to write.")
    Path to;

    @Option(names = "--version-index", description = "Journal position to export (default: the current version).")
    Integer versionIndex;

    @Override
    public Integer call() throws Exception {
        Dataset ds = Dataset.open(dataset);
        int index = versionIndex != null ? versionIndex : ds.head();
        ds.export(index, to);
        System.out.println("exported version " + ds.stateAt(index).version() + " (" + ds.stateAt(index).included().size()
                + " items) to " + to);
        return 0;
    }
}
