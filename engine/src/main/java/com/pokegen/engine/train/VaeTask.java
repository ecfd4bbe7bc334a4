package com.pokegen.engine.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.io.ComponentFolder;
import com.pokegen.engine.model.nn.StateDict;
import com.pokegen.engine.model.vae.AutoencoderKL;
import com.pokegen.engine.model.vae.AutoencoderKLConfig;
import com.pokegen.engine.model.vae.DiagonalGaussian;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains the AutoencoderKL of the tiny stack (Rombach et al., 2022, §3.1 and appendix G):
 * reconstruction (L1 + L2 on pixels in [-1, 1]) plus a small KL(q(z|x) ‖ N(0, I)) weight that
 * keeps the latent space smooth. On export the latent scaling factor is set to 1/std of the
 * dataset's latents, as SD's 0.18215 was, so the diffusion model sees unit-variance inputs.
 */
public final class VaeTask implements TrainingTask {

    private final VaeConfig config;
    private final AutoencoderKL vae;
    private final NDArray images; // (N, 3, H, W) in [-1, 1]
    private final Map<String, Parameter> params;
    private final AdamW optimizer;
    private final LrSchedule lr;

    public VaeTask(VaeConfig config, AutoencoderKL vae, NDArray images, NDManager manager) {
        this.config = config;
        this.vae = vae;
        this.images = images;
        this.params = StateDict.parameters(vae);
        this.optimizer = AdamW.builder().setManager(manager).optBetas(0.5f, 0.9f).optWeightDecay(0f).build();
        this.lr = new LrSchedule(config.learningRate(), config.warmupSteps(), LrSchedule.Kind.CONSTANT, config.steps());
    }

    /** The untrained VAE a config describes (diffusers' AutoencoderKL with these widths). */
    public static AutoencoderKLConfig modelConfig(VaeConfig c) {
        int n = c.blockOutChannels().size();
        return new AutoencoderKLConfig(3, 3, java.util.Collections.nCopies(n, AutoencoderKLConfig.DOWN),
                java.util.Collections.nCopies(n, AutoencoderKLConfig.UP), c.blockOutChannels(), c.layersPerBlock(),
                c.latentChannels(), c.normNumGroups(), c.resolution(), 1.0, null, false, true, true, true);
    }

    /** Stacks examples' images, square-resized to the training resolution, in [-1, 1]. */
    public static NDArray loadImages(List<TrainingExample> examples, int resolution, NDManager manager)
            throws IOException {
        List<NDArray> rows = new ArrayList<>();
        for (TrainingExample e : examples) {
            rows.add(ImageTensors.toTensor(ImageTensors.squareResize(e.image().load(), resolution), manager));
        }
        NDArray out = NDArrays.stack(new NDList(rows));
        rows.forEach(NDArray::close);
        return out;
    }

    @Override
    public StepMetrics step(long step) {
        int b = config.batchSize();
        int n = (int) images.getShape().get(0);
        int[] idx = DataOrder.batch(n, b, step, config.seed());
        SplittableRandom rng = Seeds.stream(config.seed(), "vae-step", step);
        NDManager m = images.getManager();
        NDArray x = batch(idx, rng, m);
        double[] parts = new double[3];
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            DiagonalGaussian post = vae.encode(x);
            NDArray z = post.sample(Seeds.normal(m, post.mean().getShape(), rng));
            NDArray diff = vae.decode(z).sub(x);
            NDArray l1 = diff.abs().mean();
            NDArray l2 = diff.square().mean();
            NDArray kl = com.pokegen.engine.model.nn.Tensors.div(post.kl().mean(), post.mean().getShape().size() / b); // per latent element
            NDArray loss = com.pokegen.engine.model.nn.Tensors.mul(l1, config.l1Weight()).add(com.pokegen.engine.model.nn.Tensors.mul(l2, config.l2Weight())).add(com.pokegen.engine.model.nn.Tensors.mul(kl, config.klWeight()));
            gc.backward(loss);
            parts[0] = l1.getFloat();
            parts[1] = l2.getFloat();
            parts[2] = kl.getFloat();
        }
        double gradNorm = GradientClipping.clip(params, config.gradClip());
        float rate = lr.at(step);
        optimizer.step(params, rate);
        Map<String, Double> losses = new LinkedHashMap<>();
        losses.put("loss", config.l1Weight() * parts[0] + config.l2Weight() * parts[1] + config.klWeight() * parts[2]);
        losses.put("l1", parts[0]);
        losses.put("l2", parts[1]);
        losses.put("kl", parts[2]);
        return new StepMetrics(losses, rate, gradNorm, b);
    }

    private NDArray batch(int[] idx, SplittableRandom rng, NDManager m) {
        List<NDArray> rows = new ArrayList<>();
        for (int i : idx) {
            NDArray img = images.get(i);
            rows.add(config.randomFlip() && rng.nextBoolean() ? img.flip(2) : img);
        }
        return NDArrays.stack(new NDList(rows));
    }

    @Override
    public Map<String, Map<String, NDArray>> checkpointGroups() {
        Map<String, Map<String, NDArray>> g = new LinkedHashMap<>();
        g.put("vae", StateDict.arrays(vae));
        g.put("optimizer", optimizer.state());
        return g;
    }

    @Override
    public ObjectNode checkpointState() {
        return new ObjectMapper().createObjectNode().put("task", "vae");
    }

    @Override
    public void restore(Checkpoints.Checkpoint c) {
        StateDict.load(vae, c.groups().get("vae"), true, c.dir() + "/vae.safetensors");
        optimizer.loadState(c.groups().get("optimizer"));
    }

    /** Originals (top row) above reconstructions (bottom row) of the first 8 images. */
    @Override
    public void sample(long step, Path png) throws IOException {
        try (NDManager m = images.getManager().newSubManager()) {
            int k = (int) Math.min(8, images.getShape().get(0));
            NDArray x = images.get("0:" + k);
            NDArray rec = vae.decode(vae.encode(x).mode());
            List<java.awt.image.BufferedImage> tiles = new ArrayList<>();
            for (NDArray row : List.of(x, rec)) {
                for (int i = 0; i < k; i++) {
                    tiles.add(ImageTensors.toImage(row.get(i).add(1).div(2)));
                }
            }
            ImageGrid.write(tiles, k, png);
        }
    }

    /** 1 / std of the latent means over (up to 256 of) the training images. */
    public double latentScalingFactor() {
        try (NDManager m = images.getManager().newSubManager()) {
            int k = (int) Math.min(256, images.getShape().get(0));
            List<NDArray> means = new ArrayList<>();
            for (int s = 0; s < k; s += 32) {
                means.add(vae.encode(images.get(s + ":" + Math.min(k, s + 32))).mean());
            }
            NDArray all = NDArrays.concat(new NDList(means));
            double mean = all.mean().getFloat();
            double var = all.sub(mean).square().mean().getFloat();
            return 1.0 / Math.sqrt(var);
        }
    }

    @Override
    public void exportFinal(Path dir) throws IOException {
        ObjectNode cfg = vae.config().toJson();
        cfg.put("scaling_factor", latentScalingFactor());
        ComponentFolder.save(dir.resolve("vae"), ComponentFolder.Library.DIFFUSERS, cfg, StateDict.arrays(vae));
    }
}
