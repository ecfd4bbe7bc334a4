package com.pokegen.engine.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.train.LoraConfig;
import com.pokegen.engine.train.LoraTraining;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code train-lora}: LoRA adapters on a frozen base model; the run's final/ holds the LoRA file. */
@Command(name = "train-lora", mixinStandardHelpOptions = true,
        description = "Train a LoRA (Hu et al. 2021) on a base diffusers model; writes final/pytorch_lora_weights.safetensors.")
final class TrainLoraCommand implements Callable<Integer> {

    @Mixin
    TrainOptions options;

    @Option(names = "--base", required = true, paramLabel = "DIR", description = "The base diffusers folder to adapt.")
    Path base;

    @Option(names = "--rank", description = "LoRA rank r (>= 1); default 8.")
    Integer rank;

    @Option(names = "--alpha", description = "LoRA alpha; the adapter is scaled by alpha/rank. Default 8.")
    Float alpha;

    @Option(names = "--targets", paramLabel = "attn|attn+ff|all",
            description = "Layers to adapt: attention projections, plus feed-forward, or every linear/conv (LoCon). Default attn.")
    String targets;

    @Override
    public Integer call() throws Exception {
        LoraConfig config = LoraConfig.of(withAdapterOptions(options.overrides()));
        return options.execute(config, (listener, stop) -> LoraTraining.train(
                new LoraTraining.Job(options.dataset, options.run, config, base, options.resume), listener, stop));
    }

    private ObjectNode withAdapterOptions(ObjectNode o) {
        if (rank != null) {
            o.put("rank", rank);
        }
        if (alpha != null) {
            o.put("alpha", alpha);
        }
        if (targets != null) {
            o.put("targets", targets);
        }
        return o;
    }
}
