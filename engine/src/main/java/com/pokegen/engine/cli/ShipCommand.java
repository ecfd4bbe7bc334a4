package com.pokegen.engine.cli;

import com.pokegen.engine.io.ModelShipping;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ship}: a model folder as shipped in models/ (F16 weights, SHA256SUMS). */
@Command(name = "ship", mixinStandardHelpOptions = true,
        description = "Copy a model folder for shipping: F16 weights (optional) and a SHA256SUMS verified on load.")
final class ShipCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "Source model folder (e.g. runs/student/final).")
    Path model;

    @Option(names = "--out", required = true, description = "Destination: a new or empty folder, or a previous ship (replaced), e.g. models/pokemon-tiny-student.")
    Path out;

    @Option(names = "--overwrite", description = "Ship into a folder that holds other files too (they are kept).")
    boolean overwrite;

    @Option(names = "--fp32", description = "Keep F32 weights (default: store F16).")
    boolean fp32;

    @Override
    public Integer call() throws Exception {
        ModelShipping.ship(model, out, !fp32, overwrite);
        System.out.println("shipped " + out);
        return 0;
    }
}
