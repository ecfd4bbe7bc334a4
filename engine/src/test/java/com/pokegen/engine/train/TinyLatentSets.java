package com.pokegen.engine.train;

import ai.djl.ndarray.NDManager;
import com.pokegen.engine.model.text.ClipTextEncoder;
import com.pokegen.engine.model.unet.Fixtures;
import com.pokegen.engine.model.vae.AutoencoderKL;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.Consumer;

/**
 * The tiny datasets training tests run on: coloured shapes on white, encoded with the
 * pipeline_tiny fixture's VAE and CLIP text encoder.
 */
public final class TinyLatentSets {

    private TinyLatentSets() {}

    /** A {@code size}² white picture with {@code draw} painting in {@code colour}. */
    public static BufferedImage onWhite(int size, Color colour, Consumer<Graphics2D> draw) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, size, size);
        g.setColor(colour);
        draw.accept(g);
        g.dispose();
        return img;
    }

    /**
     * Encodes {@code examples} at {@code resolution}, {@code chunk} images per VAE call; the set
     * lives in {@code manager} (the VAE's weights too), so closing the manager frees both.
     */
    public static LatentSet encode(List<TrainingExample> examples, int resolution, int chunk, NDManager manager)
            throws Exception {
        AutoencoderKL vae = AutoencoderKL.fromFolder(Fixtures.PIPELINE.resolve("vae"), manager, true);
        try (ClipTextEncoder te = ClipTextEncoder.open(Fixtures.PIPELINE)) {
            return LatentSet.encode(examples, vae, te, resolution, chunk, manager, (d, n) -> { }, () -> false);
        }
    }
}
