package com.pokegen.engine.pipeline;

import com.pokegen.engine.model.nn.FloatTensor;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * What a generation produced.
 *
 * @param images (B, 3, H, W) in [0, 1]
 * @param latents the final latents (B, C, h, w), before the VAE scaling and decode
 * @param settings the resolved settings, per image
 * @param warnings things the user should know (truncated prompts, steps beyond the model's range)
 * @param denoiserCalls UNet evaluations made (steps × batches; CFG batches both halves in one call)
 * @param elapsedNanos wall time of the whole generation
 * @param stages where that time went: text encoding, denoising, VAE decode
 */
public record GenerationResult(
        FloatTensor images,
        FloatTensor latents,
        GenerationSettings settings,
        List<String> warnings,
        int denoiserCalls,
        long elapsedNanos,
        StageTimes stages) {

    public GenerationResult {
        warnings = List.copyOf(warnings);
    }

    /** The images as 8-bit sRGB pictures (rounded, as diffusers' {@code numpy_to_pil}). */
    public List<BufferedImage> bufferedImages() {
        List<BufferedImage> out = new ArrayList<>();
        for (int i = 0; i < images.shape()[0]; i++) {
            out.add(Images.toBufferedImage(images, i));
        }
        return out;
    }
}
