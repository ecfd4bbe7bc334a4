package com.pokegen.engine.export.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.pokegen.engine.model.nn.StateDict;
import com.pokegen.engine.model.vae.AutoencoderKL;
import com.pokegen.engine.model.vae.AutoencoderKLConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The decoder half of {@link AutoencoderKL} ({@code post_quant_conv} and {@code decoder.*}) as an
 * ONNX graph: input {@code latent_sample} (batch, latent_channels, h, w), the raw VAE latents,
 * i.e. the diffusion latents already divided by {@code scaling_factor} (plus
 * {@code shift_factor}); output {@code sample} (batch, 3, h·f, w·f), roughly in [−1, 1].
 */
final class VaeDecoderOnnx {

    static final String LATENT = "latent_sample";
    static final String OUT = "sample";

    private VaeDecoderOnnx() {}

    static OnnxGraphBuilder build(AutoencoderKL vae, WeightPrecision precision, NDManager scratch) {
        UNetOnnx.requireNoAdapters(vae, "vae");
        AutoencoderKLConfig cfg = vae.config();
        Map<String, NDArray> params = new LinkedHashMap<>();
        StateDict.arrays(vae).forEach((k, v) -> {
            if (k.startsWith("decoder.") || k.startsWith("post_quant_conv.")) {
                params.put(k, v);
            }
        });
        OnnxGraphBuilder g = new OnnxGraphBuilder("vae_decoder", precision, params, scratch);
        Layers l = new Layers(g);
        int groups = cfg.normNumGroups();
        String z = g.input(LATENT, OnnxGraphBuilder.FLOAT, "batch", (long) cfg.latentChannels(), "latent_height",
                "latent_width");
        String h = g.has("post_quant_conv.weight") ? l.conv("post_quant_conv", z, 1, 0) : z;
        h = l.convSame("decoder.conv_in", h);
        h = l.resnet("decoder.mid_block.resnets.0", h, null, groups, 1e-6f, 1f);
        if (g.has("decoder.mid_block.attentions.0.to_q.weight")) {
            h = l.spatialSelfAttention("decoder.mid_block.attentions.0", h, groups);
        }
        h = l.resnet("decoder.mid_block.resnets.1", h, null, groups, 1e-6f, 1f);
        for (int i = 0; g.has("decoder.up_blocks." + i + ".resnets.0.conv1.weight"); i++) {
            String p = "decoder.up_blocks." + i;
            for (int j = 0; g.has(p + ".resnets." + j + ".conv1.weight"); j++) {
                h = l.resnet(p + ".resnets." + j, h, null, groups, 1e-6f, 1f);
            }
            if (g.has(p + ".upsamplers.0.conv.weight")) {
                h = l.upsample(p + ".upsamplers.0", h, null);
            }
        }
        String out = l.convSame("decoder.conv_out", l.groupNorm("decoder.conv_norm_out", h, groups, 1e-6f, true));
        g.output(out, OUT, OnnxGraphBuilder.FLOAT, "batch", (long) cfg.outChannels(), "height", "width");
        g.requireAllUsed("vae decoder");
        return g;
    }
}
