package com.pokegen.engine.cli;

import com.pokegen.engine.model.lora.LoraSpec;
import com.pokegen.engine.pipeline.LoraPipelines;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code merge-lora}: a base model with LoRAs folded into its UNet weights, as a new diffusers folder. */
@Command(name = "merge-lora", mixinStandardHelpOptions = true,
        description = "Merge LoRA files into a base model's UNet and write a full diffusers folder.")
final class MergeLoraCommand implements Callable<Integer> {

    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--base", required = true, paramLabel = "DIR", description = "the base diffusers folder")
    private Path base;

    @Option(names = "--lora", required = true, paramLabel = "FILE[:SCALE]",
            description = "a LoRA file and its scale (default 1); repeatable")
    private List<String> loras = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "the merged model's folder (must not exist)")
    private Path out;

    @Option(names = "--lenient", description = "skip LoRA keys that match no UNet layer instead of failing")
    private boolean lenient;

    @Override
    public Integer call() throws Exception {
        List<LoraSpec> specs = new ArrayList<>();
        for (String l : loras) {
            specs.add(LoraSpec.parse(l));
        }
        LoraPipelines.merge(base, specs, out, lenient);
        spec.commandLine().getOut().println("wrote " + out + " (" + base + " + " + specs.size() + " LoRA"
                + (specs.size() > 1 ? "s" : "") + ")");
        return 0;
    }
}
