package com.pokegen.engine.model.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.pokegen.engine.model.blocks.ResnetBlock2D;
import com.pokegen.engine.model.nn.Conv2d;
import com.pokegen.engine.model.nn.Module;
import com.pokegen.engine.model.nn.StateDict;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The KL-regularised autoencoder of Latent Diffusion (Rombach et al., 2022, §3 and App. G),
 * with diffusers' {@code AutoencoderKL} parameter names: {@code encoder}, {@code decoder},
 * {@code quant_conv} and {@code post_quant_conv} (1×1).
 */
public final class AutoencoderKL extends Module implements ImageCodec {

    public static final String WEIGHTS_FILE = "diffusion_pytorch_model.safetensors";
    public static final String CONFIG_FILE = "config.json";

    private final AutoencoderKLConfig config;
    private final VaeEncoder encoder;
    private final VaeDecoder decoder;
    private final Conv2d quantConv;
    private final Conv2d postQuantConv;

    public AutoencoderKL(AutoencoderKLConfig config) {
        this.config = config;
        encoder = child("encoder", new VaeEncoder(config));
        decoder = child("decoder", new VaeDecoder(config));
        long z = config.latentChannels();
        quantConv = config.useQuantConv() ? child("quant_conv", new Conv2d(2 * z, 2 * z, 1, 1, 0)) : null;
        postQuantConv = config.usePostQuantConv() ? child("post_quant_conv", new Conv2d(z, z, 1, 1, 0)) : null;
    }

    static ResnetBlock2D resnet(long in, long out, int groups) {
        return ResnetBlock2D.builder().setInChannels(in).optOutChannels(out).optGroups(groups)
                .optEps(1e-6f).build();
    }

    public AutoencoderKLConfig config() {
        return config;
    }

    @Override
    public int latentChannels() {
        return config.latentChannels();
    }

    @Override
    public float scalingFactor() {
        return (float) config.scalingFactor();
    }

    @Override
    public float shiftFactor() {
        return config.shiftFactor() == null ? 0f : config.shiftFactor().floatValue();
    }

    /** Spatial downsampling factor of the latents (2^(levels−1)). */
    @Override
    public int downsampleFactor() {
        return 1 << (config.blockOutChannels().size() - 1);
    }

    /** image (B, Cin, H, W) in [−1, 1] -> posterior over latents (B, latent, H/f, W/f) */
    @Override
    public DiagonalGaussian encode(NDArray image) {
        NDArray moments = encoder.forward(image);
        if (quantConv != null) {
            moments = quantConv.forward(moments);
        }
        return DiagonalGaussian.fromMoments(moments);
    }

    /** unscaled latents (B, latent, h, w) -> image (B, Cout, h·f, w·f), roughly in [−1, 1] */
    @Override
    public NDArray decode(NDArray latents) {
        NDArray z = postQuantConv == null ? latents : postQuantConv.forward(latents);
        return decoder.forward(z);
    }

    /** VAE latents -> the diffusion model's latents: (z − shift) · scaling_factor. */
    @Override
    public NDArray scaleLatents(NDArray z) {
        NDArray shifted = config.shiftFactor() == null ? z : z.sub(config.shiftFactor().floatValue());
        return shifted.mul((float) config.scalingFactor());
    }

    /** The diffusion model's latents -> VAE latents: z / scaling_factor + shift (before decode). */
    @Override
    public NDArray unscaleLatents(NDArray latents) {
        NDArray z = latents.div((float) config.scalingFactor());
        return config.shiftFactor() == null ? z : z.add(config.shiftFactor().floatValue());
    }

    /** Loads a diffusers {@code vae/} folder ({@value #CONFIG_FILE} + {@value #WEIGHTS_FILE}). */
    public static AutoencoderKL fromFolder(Path componentDir, NDManager manager, boolean strict)
            throws IOException {
        AutoencoderKLConfig cfg = AutoencoderKLConfig.fromFile(componentDir.resolve(CONFIG_FILE));
        return StateDict.initializeFromFolder(new AutoencoderKL(cfg), componentDir, manager, strict);
    }
}
