package com.pokegen.engine.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
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
        description = "Train a LoRA (Hu et al. 2021) on a base diffusers model, or DreamBooth (Ruiz et al. 2023) with"
                + " --instance-images; writes final/pytorch_lora_weights.safetensors (a model folder with --full).")
final class TrainLoraCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

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

    @Option(names = "--instance-images", paramLabel = "DIR",
            description = "DreamBooth: a folder of the subject's images (PNG/JPEG) instead of --data.")
    Path instanceImages;

    @Option(names = "--instance-prompt", description = "DreamBooth: the caption of every instance image, with a rare token.")
    String instancePrompt;

    @Option(names = "--class-prompt", description = "DreamBooth: the class prompt; the base model's samples for it keep the prior.")
    String classPrompt;

    @Option(names = "--prior-weight", description = "DreamBooth: lambda of the prior-preservation loss; default 1.")
    Float priorWeight;

    @Option(names = "--class-images", description = "DreamBooth: class images to generate once (cached in the run); default 100.")
    Integer classImages;

    @Option(names = "--full", description = "Train the whole UNet (full fine-tuning) instead of a LoRA; final/ is a model folder.")
    boolean full;

    @Override
    public Integer call() throws Exception {
        LoraConfig config = LoraConfig.of(withAdapterOptions(options.overrides()));
        options.datasetOptional = instanceImages != null;
        return options.execute(config, (listener, stop) -> LoraTraining.train(new LoraTraining.Job(
                options.dataset, instanceImages, options.run, config, base, full, options.resume), listener, stop));
    }

    /** The command's own options laid over the preset and --set keys. */
    private ObjectNode withAdapterOptions(ObjectNode o) {
        putIfSet(o, "rank", rank);
        putIfSet(o, "alpha", alpha);
        putIfSet(o, "targets", targets);
        putIfSet(o, "instance_prompt", instancePrompt);
        putIfSet(o, "class_prompt", classPrompt);
        putIfSet(o, "prior_weight", priorWeight);
        putIfSet(o, "class_images", classImages);
        return o;
    }

    private static void putIfSet(ObjectNode o, String key, Object value) {
        if (value != null) {
            o.set(key, JSON.valueToTree(value));
        }
    }
}
