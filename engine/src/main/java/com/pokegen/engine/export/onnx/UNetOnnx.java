package com.pokegen.engine.export.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.pokegen.engine.export.onnx.OnnxGraphBuilder.Attr;
import com.pokegen.engine.model.nn.Adapters;
import com.pokegen.engine.model.nn.Conv2d;
import com.pokegen.engine.model.nn.Linear;
import com.pokegen.engine.model.nn.Module;
import com.pokegen.engine.model.nn.StateDict;
import com.pokegen.engine.model.unet.UNet2DConditionConfig;
import com.pokegen.engine.model.unet.UNet2DConditionModel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * {@link UNet2DConditionModel} as an ONNX graph, walking its config and checkpoint keys in the
 * order its {@code forward} runs. Inputs {@code sample} (batch, C, height, width),
 * {@code timestep} (float32, one per sample or a single one for the batch) and
 * {@code encoder_hidden_states} (batch, sequence, D); output {@code out_sample}. The sinusoidal
 * timestep features are computed inside the graph (Mul by frequencies held as a constant, Sin,
 * Cos, Concat), so callers feed the scheduler's timestep itself, as diffusers' ONNX pipelines
 * do. Upsamples take the size of the matching skip, so odd latent sizes work as in the engine.
 */
final class UNetOnnx {

    static final String SAMPLE = "sample";
    static final String TIMESTEP = "timestep";
    static final String TEXT = "encoder_hidden_states";
    static final String OUT = "out_sample";

    private UNetOnnx() {}

    /** Builds the graph of {@code unet}; fails naming what is not supported. */
    static OnnxGraphBuilder build(UNet2DConditionModel unet, WeightPrecision precision, NDManager scratch) {
        requireNoAdapters(unet, "unet");
        UNet2DConditionConfig cfg = unet.config();
        Map<String, NDArray> params = StateDict.arrays(unet);
        OnnxGraphBuilder g = new OnnxGraphBuilder("unet", precision, params, scratch);
        Layers l = new Layers(g);
        int cin = cfg.inChannels();
        String sample = g.input(SAMPLE, OnnxGraphBuilder.FLOAT, "batch", (long) cin, "height", "width");
        String timestep = g.input(TIMESTEP, OnnxGraphBuilder.FLOAT, "timestep_batch");
        String text = g.input(TEXT, OnnxGraphBuilder.FLOAT, "batch", "sequence", (long) cfg.crossAttentionDim().get(0));
        int groups = cfg.normNumGroups();
        float eps = (float) cfg.normEps();
        float resScale = (float) cfg.resnetOutScaleFactor();

        // time: sinusoidal features -> MLP -> SiLU (shared by all resnets)
        String features = timestepFeatures(g, timestep, cfg.blockOutChannels().get(0), cfg.flipSinToCos(),
                cfg.freqShift(), scratch); // (T, c0)
        String temb = l.silu(l.linear("time_embedding.linear_2",
                l.silu(l.linear("time_embedding.linear_1", features)))); // (T, temb)

        String h = cfg.centerInputSample() ? g.op("Sub", g.op("Mul", sample, g.scalar(2f)), g.scalar(1f)) : sample;
        h = l.convSame("conv_in", h);
        List<String> skips = new ArrayList<>();
        skips.add(h);
        int n = cfg.blockCount();
        for (int i = 0; i < n; i++) {
            String p = "down_blocks." + i;
            boolean cross = cfg.downBlockTypes().get(i).equals(UNet2DConditionConfig.CROSS_DOWN);
            int heads = cfg.heads(i);
            long headDim = cfg.blockOutChannels().get(i) / heads;
            for (int j = 0; g.has(p + ".resnets." + j + ".conv1.weight"); j++) {
                h = l.resnet(p + ".resnets." + j, h, temb, groups, eps, resScale);
                if (cross) {
                    h = l.transformer2d(p + ".attentions." + j, h, text, heads, headDim, groups);
                }
                skips.add(h);
            }
            if (g.has(p + ".downsamplers.0.conv.weight")) {
                h = l.downsample(p + ".downsamplers.0", h, cfg.downsamplePadding());
                skips.add(h);
            }
        }
        if (cfg.midBlockType() != null) {
            int last = n - 1;
            int heads = cfg.heads(last);
            long headDim = cfg.blockOutChannels().get(last) / heads;
            float midScale = (float) cfg.midBlockScaleFactor();
            h = l.resnet("mid_block.resnets.0", h, temb, groups, eps, midScale);
            h = l.transformer2d("mid_block.attentions.0", h, text, heads, headDim, groups);
            h = l.resnet("mid_block.resnets.1", h, temb, groups, eps, midScale);
        }
        Deque<String> stack = new ArrayDeque<>(skips);
        for (int i = 0; i < n; i++) {
            String p = "up_blocks." + i;
            int mirror = n - 1 - i;
            boolean cross = cfg.upBlockTypes().get(i).equals(UNet2DConditionConfig.CROSS_UP);
            int heads = cfg.heads(mirror);
            long headDim = cfg.blockOutChannels().get(mirror) / heads;
            for (int j = 0; g.has(p + ".resnets." + j + ".conv1.weight"); j++) {
                String joined = g.op("Concat", List.of(h, stack.removeLast()), Attr.i("axis", 1)); // (B, C + Cskip, H, W)
                h = l.resnet(p + ".resnets." + j, joined, temb, groups, eps, resScale);
                if (cross) {
                    h = l.transformer2d(p + ".attentions." + j, h, text, heads, headDim, groups);
                }
            }
            if (g.has(p + ".upsamplers.0.conv.weight")) {
                // the next skip to be joined has the size this upsample must restore
                h = l.upsample(p + ".upsamplers.0", h, stack.isEmpty() ? null : stack.peekLast());
            }
        }
        String out = l.convSame("conv_out", l.groupNorm("conv_norm_out", h, groups, eps, true));
        g.output(out, OUT, OnnxGraphBuilder.FLOAT, "batch", (long) cfg.outChannels(), "height", "width");
        g.requireAllUsed("unet");
        return g;
    }

    /**
     * diffusers' get_timestep_embedding in the engine's float32 order: frequencies
     * exp(−ln(10000)·i / (half − shift)) computed here with the engine's ops, then t·freq,
     * [cos, sin] (or [sin, cos]) in the graph. (T) -> (T, channels).
     */
    private static String timestepFeatures(OnnxGraphBuilder g, String timestep, int channels, boolean flip,
            float shift, NDManager scratch) {
        int half = channels / 2;
        float[] freqs;
        try (NDArray e = scratch.arange(0f, (float) half, 1f, DataType.FLOAT32)
                .mul((float) -Math.log(10000.0)).div(half - shift).exp()) {
            freqs = e.toFloatArray();
        }
        String t = g.op("Unsqueeze", timestep, g.constInts(1)); // (T, 1)
        String args = g.op("Mul", t, g.constFloats(freqs, 1, half)); // (T, half)
        String sin = g.op("Sin", args);
        String cos = g.op("Cos", args);
        String emb = g.op("Concat", flip ? List.of(cos, sin) : List.of(sin, cos), Attr.i("axis", 1));
        if (channels % 2 == 1) {
            emb = g.op("Pad", List.of(emb, g.constInts(0, 0, 0, 1)), Attr.s("mode", "constant"));
        }
        return emb;
    }

    /** LoRA/LoCon side paths are not part of the exported graph: merge them first. */
    static void requireNoAdapters(Module root, String what) {
        for (Map.Entry<String, Module> e : StateDict.modules(root).entrySet()) {
            Adapters a = e.getValue() instanceof Linear lin ? lin.adapters()
                    : e.getValue() instanceof Conv2d conv ? conv.adapters() : null;
            if (a != null && a.size() > 0) {
                throw new IllegalArgumentException(what + "." + e.getKey() + " has " + a.size()
                        + " LoRA adapter(s) attached; ONNX export supports merged weights only"
                        + " (run ./pokegen merge-lora first)");
            }
        }
    }
}
