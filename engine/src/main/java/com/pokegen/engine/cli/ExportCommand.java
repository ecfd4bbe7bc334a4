package com.pokegen.engine.cli;

import com.pokegen.engine.export.Exporter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pokegen export}: a model folder as a self-contained diffusers folder (see {@link Exporter}). */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a model folder as a self-contained diffusers folder"
                + " (DiffusionPipeline.from_pretrained opens it; MiniLM becomes transformers' BertModel).")
final class ExportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "our pipeline folder")
    private Path model;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder to write")
    private Path out;

    @Option(names = "--overwrite", description = "replace --out if it exists")
    private boolean overwrite;

    @Override
    public Integer call() throws Exception {
        Exporter.Result r = Exporter.export(model, out, overwrite);
        spec.commandLine().getOut().println("exported " + r.folder() + (r.textEncoderConverted()
                ? " (MiniLM text encoder converted to transformers BertModel, " + r.textEncoderTensors() + " tensors)"
                : ""));
        return 0;
    }
}
