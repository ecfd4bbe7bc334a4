package com.pokegen.engine.model.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.pokegen.engine.model.blocks.Ops;
import com.pokegen.engine.model.blocks.ResnetBlock2D;
import com.pokegen.engine.model.blocks.TimestepEmbedding;
import com.pokegen.engine.model.blocks.Timesteps;
import com.pokegen.engine.model.nn.Conv2d;
import com.pokegen.engine.model.nn.GroupNorm;
import com.pokegen.engine.model.nn.Module;
import com.pokegen.engine.model.nn.ModuleList;
import com.pokegen.engine.model.nn.StateDict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The text-conditioned denoising UNet of Latent Diffusion / Stable Diffusion (Rombach et al.,
 * 2022, §3.3): ε_θ(z_t, t, τ(y)). Parameter names equal diffusers' {@code UNet2DConditionModel}
 * checkpoint keys, and the topology follows its {@code config.json}
 * ({@link UNet2DConditionConfig}).
 */
public final class UNet2DConditionModel extends Module {

    /** Name of the weights file in a diffusers component folder. */
    public static final String WEIGHTS_FILE = "diffusion_pytorch_model.safetensors";
    public static final String CONFIG_FILE = "config.json";

    private final UNet2DConditionConfig config;
    private final Conv2d convIn;
    private final Timesteps timeProj;
    private final TimestepEmbedding timeEmbedding;
    private final ModuleList<UNetDownBlock> downBlocks;
    private final ModuleList<UNetUpBlock> upBlocks;
    private final UNetMidBlock2DCrossAttn midBlock;
    private final GroupNorm convNormOut;
    private final Conv2d convOut;

    /** Builds the module tree (parameters unallocated until {@link #initialize(NDManager)}). */
    public UNet2DConditionModel(UNet2DConditionConfig config) {
        this.config = config;
        List<Integer> ch = config.blockOutChannels();
        int n = config.blockCount();
        int c0 = ch.get(0);
        convIn = child("conv_in", new Conv2d(config.inChannels(), c0, config.convInKernel(), 1,
                (config.convInKernel() - 1) / 2));
        timeProj = child("time_proj", new Timesteps(c0, config.flipSinToCos(), config.freqShift()));
        timeEmbedding = child("time_embedding", new TimestepEmbedding(c0, config.timeEmbedDim()));
        downBlocks = child("down_blocks", new ModuleList<>());
        long out = c0;
        for (int i = 0; i < n; i++) {
            long in = out;
            out = ch.get(i);
            boolean cross = config.downBlockTypes().get(i).equals(UNet2DConditionConfig.CROSS_DOWN);
            downBlocks.add(new UNetDownBlock(config, i, in, cross));
        }
        upBlocks = child("up_blocks", new ModuleList<>());
        long prev;
        out = ch.get(n - 1);
        for (int i = 0; i < n; i++) {
            prev = out;
            out = ch.get(n - 1 - i);
            long skipIn = ch.get(Math.max(n - 2 - i, 0));
            boolean cross = config.upBlockTypes().get(i).equals(UNet2DConditionConfig.CROSS_UP);
            upBlocks.add(new UNetUpBlock(config, i, skipIn, prev, cross));
        }
        midBlock = config.midBlockType() == null ? null : child("mid_block", new UNetMidBlock2DCrossAttn(config));
        convNormOut = child("conv_norm_out", new GroupNorm(config.normNumGroups(), c0, (float) config.normEps()));
        convOut = child("conv_out", new Conv2d(c0, config.outChannels(), config.convOutKernel(), 1,
                (config.convOutKernel() - 1) / 2));
    }

    static ResnetBlock2D resnet(UNet2DConditionConfig cfg, long in, long out, float outputScale) {
        return ResnetBlock2D.builder().setInChannels(in).optOutChannels(out)
                .optTembChannels(cfg.timeEmbedDim()).optGroups(cfg.normNumGroups())
                .optEps((float) cfg.normEps()).optOutputScaleFactor(outputScale).build();
    }

    public UNet2DConditionConfig config() {
        return config;
    }

    /**
     * Predicts the model output (ε, v or x0, per the training objective).
     *
     * @param sample noisy latents (B, Cin, H, W)
     * @param timestep (B) or a scalar, any numeric type
     * @param encoderHiddenStates text tokens (B, S, cross_attention_dim)
     * @return (B, Cout, H, W)
     */
    public NDArray forward(NDArray sample, NDArray timestep, NDArray encoderHiddenStates) {
        long[] s = sample.getShape().getShape();
        if (s.length != 4 || s[1] != config.inChannels()) {
            throw new IllegalArgumentException("UNet: sample must be (B, " + config.inChannels()
                    + ", H, W), got " + sample.getShape());
        }
        long b = s[0];
        NDArray t = timestep.getShape().size() == 1 && b != 1
                ? timestep.reshape(1).broadcast(b) : timestep.reshape(-1); // (B)
        if (t.getShape().get(0) != b) {
            throw new IllegalArgumentException("UNet: " + t.getShape().get(0) + " timesteps for a batch of " + b);
        }
        NDArray temb = Ops.silu(timeEmbedding.forward(timeProj.forward(t))); // (B, T), SiLU shared by resnets
        NDArray h = config.centerInputSample() ? sample.mul(2).sub(1) : sample;
        h = convIn.forward(h);

        List<NDArray> skips = new ArrayList<>();
        skips.add(h);
        for (UNetDownBlock block : downBlocks.items()) {
            h = block.forward(h, temb, encoderHiddenStates, skips);
        }
        if (midBlock != null) {
            h = midBlock.forward(h, temb, encoderHiddenStates);
        }
        // odd sizes: each upsample must restore the exact size of the matching skip
        long factor = 1L << (config.blockCount() - 1);
        boolean explicitSizes = s[2] % factor != 0 || s[3] % factor != 0;
        Deque<NDArray> stack = new ArrayDeque<>(skips);
        for (UNetUpBlock block : upBlocks.items()) {
            long[] size = null;
            if (explicitSizes && stack.size() > block.resnetCount()) {
                NDArray target = new ArrayList<>(stack).get(stack.size() - block.resnetCount() - 1);
                size = new long[] {target.getShape().get(2), target.getShape().get(3)};
            }
            h = block.forward(h, stack, temb, encoderHiddenStates, size);
        }
        return convOut.forward(convNormOut.forward(h, true));
    }

    /**
     * The encoder half only: the output of every down block and of the mid block, for feature
     * networks such as ADD's latent discriminator (LADD, Sauer et al. 2024, §3).
     *
     * @return [(B, C_k, H_k, W_k)] for each down block, then the mid block (when present)
     */
    public List<NDArray> encoderFeatures(NDArray sample, NDArray timestep, NDArray encoderHiddenStates) {
        long b = sample.getShape().get(0);
        NDArray t = timestep.getShape().size() == 1 && b != 1
                ? timestep.reshape(1).broadcast(b) : timestep.reshape(-1); // (B)
        NDArray temb = Ops.silu(timeEmbedding.forward(timeProj.forward(t)));
        NDArray h = convIn.forward(config.centerInputSample() ? sample.mul(2).sub(1) : sample);
        List<NDArray> skips = new ArrayList<>();
        skips.add(h);
        List<NDArray> features = new ArrayList<>();
        for (UNetDownBlock block : downBlocks.items()) {
            h = block.forward(h, temb, encoderHiddenStates, skips);
            features.add(h);
        }
        if (midBlock != null) {
            features.add(midBlock.forward(h, temb, encoderHiddenStates));
        }
        return features;
    }

    /**
     * Loads a diffusers {@code unet/} folder ({@value #CONFIG_FILE} + {@value #WEIGHTS_FILE}).
     *
     * @param strict fail on missing or unexpected tensors
     */
    public static UNet2DConditionModel fromFolder(Path componentDir, NDManager manager, boolean strict)
            throws IOException {
        UNet2DConditionConfig cfg = UNet2DConditionConfig.fromFile(componentDir.resolve(CONFIG_FILE));
        return StateDict.initializeFromFolder(new UNet2DConditionModel(cfg), componentDir, manager, strict);
    }
}
