package com.pokegen.engine.cli;

import com.pokegen.engine.data.ProgressListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code pokegen data ...}: build the Pokémon pack, import, clean and export datasets. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Datasets: Pokémon pack, import, clean, export.",
        subcommands = {
            DataPackCommand.class,
            DataImportCommand.class,
            DataCleanCommand.class,
            DataExportCommand.class,
        })
final class DataCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Prints a stage's progress to stderr at every tenth of the way. */
    static ProgressListener consoleProgress() {
        return new ProgressListener() {
            private String lastStage = "";
            private long lastTenth = -1;

            @Override
            public synchronized void progress(String stage, long done, long total) {
                long tenth = total > 0 ? done * 10 / total : -1;
                if (!stage.equals(lastStage) || tenth != lastTenth) {
                    System.err.println(total > 0 ? stage + " " + done + "/" + total : stage + "...");
                    lastStage = stage;
                    lastTenth = tenth;
                }
            }
        };
    }
}
