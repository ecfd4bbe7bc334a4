package com.pokegen.engine.export.onnx;

import com.pokegen.engine.export.onnx.OnnxGraphBuilder.Attr;
import java.util.List;

/**
 * The engine's blocks ({@code model.nn}, {@code model.blocks}) as ONNX subgraphs, each reading its
 * weights under the same checkpoint prefix the block registers, and computing in the order its
 * {@code forward} does. GroupNorm has no opset-17 operator: it is Reshape (B, G, −1) →
 * InstanceNormalization (scale 1, bias 0: exactly the group's biased mean and variance) →
 * Reshape back → per-channel affine, the same statistics the engine gets from one layer_norm per
 * (B, group) row.
 */
final class Layers {

    private static final float SQRT_HALF = (float) (1 / Math.sqrt(2));

    private final OnnxGraphBuilder g;

    Layers(OnnxGraphBuilder g) {
        this.g = g;
    }

    OnnxGraphBuilder graph() {
        return g;
    }

    // ---------------------------------------------------------------------------- activations

    /** x·σ(x) */
    String silu(String x) {
        return g.op("Mul", x, g.op("Sigmoid", x));
    }

    /** Exact GELU: ½·x·(1 + erf(x/√2)) (opset 17 has no Gelu). */
    String gelu(String x) {
        String erf = g.op("Erf", g.op("Mul", x, g.scalar(SQRT_HALF)));
        return g.op("Mul", g.op("Mul", x, g.op("Add", erf, g.scalar(1f))), g.scalar(0.5f));
    }

    // ---------------------------------------------------------------------------------- layers

    /** {@code Conv2d} at {@code prefix}: (B, in, H, W) -> (B, out, H', W'). */
    String conv(String prefix, String x, int stride, int padding) {
        long[] s = g.shape(prefix + ".weight");
        if (s.length != 4 || s[2] != s[3]) {
            throw new IllegalArgumentException(prefix + ".weight has shape " + java.util.Arrays.toString(s)
                    + "; ONNX export supports square 2-D convolutions only");
        }
        String w = g.weight(prefix + ".weight", g.values(prefix + ".weight"), s, 0);
        List<String> in = g.has(prefix + ".bias")
                ? List.of(x, w, bias(prefix + ".bias")) : List.of(x, w);
        return g.op("Conv", in, Attr.ints("kernel_shape", s[2], s[3]), Attr.ints("strides", stride, stride),
                Attr.ints("pads", padding, padding, padding, padding), Attr.ints("dilations", 1, 1),
                Attr.i("group", 1));
    }

    /** A square conv with "same" padding read from its kernel size. */
    String convSame(String prefix, String x) {
        long k = g.shape(prefix + ".weight")[2];
        return conv(prefix, x, 1, (int) (k - 1) / 2);
    }

    /**
     * {@code Linear} at {@code prefix}, or a 1×1 {@code Conv2d} applied to channels-last tokens:
     * (..., in) -> (..., out) as MatMul with Wᵀ [in, out] (int8: one scale per output column).
     */
    String linear(String prefix, String x) {
        long[] s = g.shape(prefix + ".weight");
        if (s.length == 4 && (s[2] != 1 || s[3] != 1)) {
            throw new IllegalArgumentException(prefix + ".weight: a " + s[2] + "×" + s[3]
                    + " convolution cannot act on tokens");
        }
        int out = (int) s[0];
        int in = (int) s[1];
        float[] w = g.values(prefix + ".weight");
        float[] t = new float[w.length];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                t[i * out + o] = w[o * in + i];
            }
        }
        String y = g.op("MatMul", x, g.weight(prefix + ".weight_t", t, new long[] {in, out}, 1));
        return g.has(prefix + ".bias") ? g.op("Add", y, bias(prefix + ".bias")) : y;
    }

    private String bias(String key) {
        return g.param(key, g.values(key), g.shape(key));
    }

    /** {@code GroupNorm} at {@code prefix} on a (B, C, H, W) map, optionally followed by SiLU. */
    String groupNorm(String prefix, String x, int groups, float eps, boolean silu) {
        long c = g.shape(prefix + ".weight")[0];
        float[] ones = new float[groups];
        java.util.Arrays.fill(ones, 1f);
        String rows = g.op("Reshape", x, g.constInts(0, groups, -1)); // (B, G, C/G·H·W)
        String normed = g.op("InstanceNormalization", List.of(rows, g.constFloats(ones, groups),
                g.constFloats(new float[groups], groups)), Attr.f("epsilon", eps));
        String back = g.op("Reshape", normed, g.op("Shape", x)); // (B, C, H, W)
        String w = g.param(prefix + ".weight", g.values(prefix + ".weight"), new long[] {c, 1, 1});
        String b = g.param(prefix + ".bias", g.values(prefix + ".bias"), new long[] {c, 1, 1});
        String out = g.op("Add", g.op("Mul", back, w), b);
        return silu ? silu(out) : out;
    }

    /** {@code LayerNorm} at {@code prefix} over the last axis. */
    String layerNorm(String prefix, String x, float eps) {
        String w = g.param(prefix + ".weight", g.values(prefix + ".weight"), g.shape(prefix + ".weight"));
        String b = g.param(prefix + ".bias", g.values(prefix + ".bias"), g.shape(prefix + ".bias"));
        return g.op("LayerNormalization", List.of(x, w, b), Attr.i("axis", -1), Attr.f("epsilon", eps));
    }

    // ---------------------------------------------------------------------------------- blocks

    /**
     * {@code ResnetBlock2D}: conv2(SiLU(norm2(conv1(SiLU(norm1(x))) + proj(temb)))) + shortcut(x),
     * divided by {@code outputScale}.
     *
     * @param tembActivated SiLU of the time embedding (B, T), or null (VAE)
     */
    String resnet(String prefix, String x, String tembActivated, int groups, float eps, float outputScale) {
        String h = conv(prefix + ".conv1", groupNorm(prefix + ".norm1", x, groups, eps, true), 1, 1);
        if (g.has(prefix + ".time_emb_proj.weight")) {
            if (tembActivated == null) {
                throw new IllegalStateException(prefix + " needs a time embedding");
            }
            String t = linear(prefix + ".time_emb_proj", tembActivated); // (B, C)
            h = g.op("Add", h, g.op("Unsqueeze", t, g.constInts(2, 3))); // + (B, C, 1, 1)
        }
        h = conv(prefix + ".conv2", groupNorm(prefix + ".norm2", h, groups, eps, true), 1, 1);
        String shortcut = g.has(prefix + ".conv_shortcut.weight") ? conv(prefix + ".conv_shortcut", x, 1, 0) : x;
        String out = g.op("Add", shortcut, h);
        return outputScale == 1f ? out : g.op("Div", out, g.scalar(outputScale));
    }

    /** (B, C, H, W) -> (B, H·W, C) */
    String toTokens(String map, long channels) {
        return g.op("Reshape", g.op("Transpose", map, Attr.ints("perm", 0, 2, 3, 1)), g.constInts(0, -1, channels));
    }

    /** (B, H·W, C) -> (B, C, H, W) shaped like {@code like} */
    String toMap(String tokens, String like) {
        return g.op("Reshape", g.op("Transpose", tokens, Attr.ints("perm", 0, 2, 1)), g.op("Shape", like));
    }

    /**
     * {@code Attention}: softmax(Q·Kᵀ/√d)·V per head, Q scaled before the product as the engine
     * does. x (B, L, Cq), context (B, S, Cctx) or null -> (B, L, Cq), before any residual.
     */
    String attention(String prefix, String x, String context, int heads, long headDim) {
        String src = context == null ? x : context;
        String q = g.op("Mul", linear(prefix + ".to_q", x), g.scalar((float) (1.0 / Math.sqrt(headDim))));
        String k = linear(prefix + ".to_k", src);
        String v = linear(prefix + ".to_v", src);
        String ctx;
        if (heads == 1) {
            String scores = g.op("MatMul", q, g.op("Transpose", k, Attr.ints("perm", 0, 2, 1))); // (B, L, S)
            ctx = g.op("MatMul", g.op("Softmax", scores, Attr.i("axis", -1)), v); // (B, L, d)
        } else {
            String split = g.constInts(0, -1, heads, headDim);
            String qh = g.op("Transpose", g.op("Reshape", q, split), Attr.ints("perm", 0, 2, 1, 3)); // (B, H, L, d)
            String kt = g.op("Transpose", g.op("Reshape", k, split), Attr.ints("perm", 0, 2, 3, 1)); // (B, H, d, S)
            String vh = g.op("Transpose", g.op("Reshape", v, split), Attr.ints("perm", 0, 2, 1, 3)); // (B, H, S, d)
            String probs = g.op("Softmax", g.op("MatMul", qh, kt), Attr.i("axis", -1)); // (B, H, L, S)
            String c = g.op("Transpose", g.op("MatMul", probs, vh), Attr.ints("perm", 0, 2, 1, 3)); // (B, L, H, d)
            ctx = g.op("Reshape", c, g.constInts(0, -1, heads * headDim)); // (B, L, H·d)
        }
        return linear(prefix + ".to_out.0", ctx);
    }

    /** {@code BasicTransformerBlock}: self-attention, cross-attention, GEGLU feed-forward. */
    String transformerBlock(String prefix, String x, String context, int heads, long headDim) {
        String h = g.op("Add", attention(prefix + ".attn1", layerNorm(prefix + ".norm1", x, 1e-5f), null, heads, headDim), x);
        h = g.op("Add", attention(prefix + ".attn2", layerNorm(prefix + ".norm2", h, 1e-5f), context, heads, headDim), h);
        String proj = linear(prefix + ".ff.net.0.proj", layerNorm(prefix + ".norm3", h, 1e-5f)); // (B, L, 2·inner)
        long inner = g.shape(prefix + ".ff.net.0.proj.weight")[0] / 2;
        List<String> halves = g.opN("Split", List.of(proj, g.constInts(inner, inner)), 2, Attr.i("axis", -1));
        String gated = g.op("Mul", halves.get(0), gelu(halves.get(1))); // value · GELU(gate)
        return g.op("Add", linear(prefix + ".ff.net.2", gated), h);
    }

    /** {@code Transformer2DModel}: norm, project in, transformer blocks, project out, + x. */
    String transformer2d(String prefix, String x, String context, int heads, long headDim, int groups) {
        long channels = g.shape(prefix + ".norm.weight")[0];
        String tokens = toTokens(groupNorm(prefix + ".norm", x, groups, 1e-6f, false), channels);
        tokens = linear(prefix + ".proj_in", tokens);
        for (int i = 0; g.has(prefix + ".transformer_blocks." + i + ".norm1.weight"); i++) {
            tokens = transformerBlock(prefix + ".transformer_blocks." + i, tokens, context, heads, headDim);
        }
        return g.op("Add", x, toMap(linear(prefix + ".proj_out", tokens), x));
    }

    /** The VAE's single-head spatial self-attention with its own GroupNorm and a residual. */
    String spatialSelfAttention(String prefix, String x, int groups) {
        long c = g.shape(prefix + ".group_norm.weight")[0];
        String tokens = toTokens(x, c);
        String normed = toTokens(groupNorm(prefix + ".group_norm", x, groups, 1e-6f, false), c);
        String out = g.op("Add", attention(prefix, normed, null, 1, c), tokens);
        return toMap(out, x);
    }

    /** {@code Downsample2D}: stride-2 conv; with padding 0, first pad right and bottom by one. */
    String downsample(String prefix, String x, int padding) {
        if (padding == 0) {
            x = g.op("Pad", List.of(x, g.constInts(0, 0, 0, 0, 0, 0, 1, 1)), Attr.s("mode", "constant"));
        }
        return conv(prefix + ".conv", x, 2, padding);
    }

    /**
     * {@code Upsample2D}: nearest resize (torch's floor(i·in/out) rule) then a 3×3 conv. With
     * {@code sizeOf} null the map doubles; otherwise it takes that map's (H, W).
     */
    String upsample(String prefix, String x, String sizeOf) {
        String resized;
        Attr[] nearest = {Attr.s("mode", "nearest"), Attr.s("coordinate_transformation_mode", "asymmetric"),
            Attr.s("nearest_mode", "floor")};
        if (sizeOf == null) {
            resized = g.op("Resize", List.of(x, "", g.constFloats(new float[] {1, 1, 2, 2}, 4)), nearest);
        } else {
            String sizes = g.op("Concat", List.of(g.op("Shape", x, Attr.i("start", 0), Attr.i("end", 2)),
                    g.op("Shape", sizeOf, Attr.i("start", 2), Attr.i("end", 4))), Attr.i("axis", 0));
            resized = g.op("Resize", List.of(x, "", "", sizes), nearest);
        }
        return conv(prefix + ".conv", resized, 1, 1);
    }
}
