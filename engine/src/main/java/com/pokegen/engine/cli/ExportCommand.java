package com.pokegen.engine.cli;

import com.pokegen.engine.export.Exporter;
import com.pokegen.engine.export.onnx.OnnxExport;
import com.pokegen.engine.export.onnx.WeightPrecision;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pokegen export}: a model folder as a self-contained diffusers folder ({@link Exporter}),
 * or with {@code --format onnx} as ONNX files for any ONNX Runtime binding ({@link OnnxExport}).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a model folder as a self-contained diffusers folder"
                + " (DiffusionPipeline.from_pretrained opens it; MiniLM becomes transformers' BertModel),"
                + " or with --format onnx as ONNX files (UNet, VAE decoder, text encoder) plus pokegen-onnx.json.")
final class ExportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "our pipeline folder")
    private Path model;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder to write")
    private Path out;

    @Option(names = "--overwrite", description = "replace --out if it exists")
    private boolean overwrite;

    @Option(names = "--format", defaultValue = "diffusers",
            description = "diffusers or onnx (default: ${DEFAULT-VALUE})")
    private String format;

    @Option(names = "--precision", split = ",", paramLabel = "P",
            description = "with --format onnx: weight precisions to write, any of fp32, fp16, int8 (default: all three)")
    private List<String> precisions = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        switch (format.strip().toLowerCase(Locale.ROOT)) {
            case "onnx":
                return onnx();
            case "diffusers":
                break;
            default:
                throw new IllegalArgumentException("--format " + format + " is not supported; use diffusers or onnx");
        }
        if (!precisions.isEmpty()) {
            throw new IllegalArgumentException("--precision applies to --format onnx only");
        }
        Exporter.Result r = Exporter.export(model, out, overwrite);
        spec.commandLine().getOut().println("exported " + r.folder() + (r.textEncoderConverted()
                ? " (MiniLM text encoder converted to transformers BertModel, " + r.textEncoderTensors() + " tensors)"
                : ""));
        return 0;
    }

    private int onnx() throws Exception {
        // errors reach the CLI's handler: "error: <message>", exit 1, as the diffusers export
        Set<WeightPrecision> wanted = EnumSet.noneOf(WeightPrecision.class);
        if (precisions.isEmpty()) {
            wanted.addAll(EnumSet.allOf(WeightPrecision.class));
        }
        for (String p : precisions) {
            wanted.add(WeightPrecision.parse(p));
        }
        OnnxExport.Result r = OnnxExport.export(model, out, wanted, overwrite);
        PrintWriter o = spec.commandLine().getOut();
        o.println("exported " + r.folder() + " (ONNX opset 17)");
        r.fileBytes().forEach((f, n) -> o.printf("  %-32s %,12d bytes%n", f, n));
        o.println("measured against the libtorch engine (max / mean abs diff; images in 8-bit levels):");
        r.measured().fields().forEachRemaining(p -> {
            if (p.getValue().isObject()) {
                p.getValue().fields().forEachRemaining(w -> o.printf(Locale.ROOT, "  %-5s %-16s %.3g / %.3g%n",
                        p.getKey(), w.getKey(), w.getValue().path("max_abs_diff").asDouble(),
                        w.getValue().path("mean_abs_diff").asDouble()));
            }
        });
        return 0;
    }
}
