package com.pokegen.engine.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.model.vae.AutoencoderKL;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Training issue, "VAE: reconstruction PSNR on held-out images rises above its step-0 value":
 * PSNR = 10·log10(1 / MSE) with pixels in [0, 1], averaged over held-out images the VAE never
 * trained on (posterior mean, decoded and clamped as the pipeline does).
 */
class VaeHeldOutPsnrTest {

    private static final Path PACK = Path.of(System.getProperty("user.home"), ".cache/pokegen/pokemon-pack/images");

    /** Synthetic: trains on 12 shapes, measures 4 others (new colours and places). Fast. */
    @Test
    void syntheticHeldOutPsnrRises() throws Exception {
        Color[] colours = {Color.RED, Color.BLUE, Color.GREEN, Color.ORANGE, Color.MAGENTA, Color.CYAN,
                Color.PINK, Color.DARK_GRAY};
        List<TrainingExample> train = new ArrayList<>();
        List<TrainingExample> held = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Color c = colours[i % colours.length];
            int x = 2 + (i * 5) % 12;
            boolean disc = i % 2 == 0;
            TrainingExample e = new TrainingExample("s" + i, () -> TinyLatentSets.onWhite(32, c,
                    g -> {
                        if (disc) {
                            g.fillOval(x, 6, 16, 16);
                        } else {
                            g.fillRect(x, 8, 14, 14);
                        }
                    }), List.of("x"));
            (i % 4 == 3 ? held : train).add(e);
        }
        double[] psnr = trainAndMeasure(train, held, config(16, 80, 4, 3e-3, List.of(8, 16), 4));
        System.out.printf("VAE held-out PSNR (synthetic, 4 images, 16 px): step 0 %.2f dB -> step 80 %.2f dB%n",
                psnr[0], psnr[1]);
        // margin: at least 3 dB (half the error energy) better than the untrained VAE
        assertTrue(psnr[1] > psnr[0] + 3, psnr[0] + " -> " + psnr[1]);
    }

    /** The real pack (when `pokegen data pokemon-pack` has built it): 96 to train, 16 held out. */
    @Test
    @Tag("slow")
    void pokemonPackHeldOutPsnrRises() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(PACK), "no pack at " + PACK + " (run ./pokegen data pokemon-pack)");
        List<Path> files;
        try (Stream<Path> s = Files.list(PACK)) {
            files = s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
        }
        Assumptions.assumeTrue(files.size() >= 112, "pack too small");
        List<TrainingExample> train = new ArrayList<>();
        List<TrainingExample> held = new ArrayList<>();
        for (int i = 0; i < 112; i++) {
            Path f = files.get(i * (files.size() / 112)); // spread over the generations
            TrainingExample e = new TrainingExample(f.getFileName().toString(), () -> ImageIO.read(f.toFile()),
                    List.of("x"));
            (i % 7 == 6 ? held : train).add(e);
        }
        double[] psnr = trainAndMeasure(train, held, config(32, 200, 8, 2e-3, List.of(16, 32), 8));
        System.out.printf("VAE held-out PSNR (pokemon pack, %d images, 32 px): step 0 %.2f dB -> step 200 %.2f dB%n",
                held.size(), psnr[0], psnr[1]);
        assertTrue(psnr[1] > psnr[0] + 3, psnr[0] + " -> " + psnr[1]);
    }

    private static VaeConfig config(int res, int steps, int batch, double lr, List<Integer> widths, int groups)
            throws Exception {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("resolution", res).put("layers_per_block", 1).put("norm_num_groups", groups).put("steps", steps)
                .put("batch_size", batch).put("learning_rate", lr).put("warmup_steps", 5).put("log_every", 10)
                .put("sample_every", 0).put("checkpoint_every", 0);
        widths.forEach(o.putArray("block_out_channels")::add);
        return VaeConfig.of(o);
    }

    /** {PSNR at step 0, PSNR after config.steps updates} on {@code held}. */
    private static double[] trainAndMeasure(List<TrainingExample> train, List<TrainingExample> held, VaeConfig cfg)
            throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            AutoencoderKL vae = new AutoencoderKL(VaeTask.modelConfig(cfg));
            vae.initialize(m);
            NDArray heldOut = VaeTask.loadImages(held, cfg.resolution(), m);
            VaeTask task = new VaeTask(cfg, vae, VaeTask.loadImages(train, cfg.resolution(), m), m);
            double before = meanPsnr(vae, heldOut);
            for (int s = 0; s < cfg.steps(); s++) {
                try (NDScope scope = new NDScope()) {
                    task.step(s);
                }
            }
            return new double[] {before, meanPsnr(vae, heldOut)};
        }
    }

    /** Mean over images of 10·log10(1 / MSE), pixels mapped from [-1, 1] to [0, 1] and clamped. */
    static double meanPsnr(AutoencoderKL vae, NDArray images) {
        try (NDManager sub = images.getManager().newSubManager()) {
            NDArray x = images.add(1).div(2);
            NDArray rec = vae.decode(vae.encode(images).mode()).add(1).div(2).clip(0, 1);
            long n = images.getShape().get(0);
            float[] mse = rec.sub(x).square().reshape(n, -1).mean(new int[] {1}).toFloatArray();
            double sum = 0;
            for (float e : mse) {
                sum += 10 * Math.log10(1.0 / e);
            }
            return sum / mse.length;
        }
    }
}
