package com.pokegen.engine.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.model.nn.StateDict;
import com.pokegen.engine.model.nn.Tensors;
import com.pokegen.engine.model.unet.UNet2DConditionModel;
import com.pokegen.engine.schedule.NoiseSchedule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Teacher training: the denoising objective ({@link DenoisingLoss}) on cached latents with
 * caption dropout (so classifier-free guidance works), random flips, AdamW, warm-up, gradient
 * clipping, gradient accumulation and an EMA of the weights (sampling and export use the EMA).
 *
 * <p>Every random draw comes from {@link Seeds} keyed by the step, and the data order from the
 * epoch, so a resumed run repeats exactly what an uninterrupted one would have done.
 */
public final class TeacherTask implements TrainingTask {

    /** Renders a sample grid with the given (EMA) UNet; supplied by the pipeline layer. */
    @FunctionalInterface
    public interface Sampler {
        void render(UNet2DConditionModel unet, long step, Path png) throws IOException;
    }

    /** Writes the final diffusers folder with the given (EMA) UNet. */
    @FunctionalInterface
    public interface Exporter {
        void export(UNet2DConditionModel unet, Path dir) throws IOException;
    }

    private final TeacherConfig config;
    private final Trainee trainee;
    private final LatentSet data;
    private final float scalingFactor;
    private final float shiftFactor;
    private final DenoisingLoss loss;
    private final Map<String, Parameter> params;
    private final AdamW optimizer;
    private final Ema ema;
    private final LrSchedule lr;
    private final Sampler sampler;
    private final Exporter exporter;
    private final NoiseSchedule schedule;
    private LatentSet priorSet;
    private PriorPreservationLoss priorLoss;

    /**
     * @param unet initialised trainable UNet; @param emaUnet an initialised twin that receives
     *     the EMA weights for sampling/export
     */
    public TeacherTask(TeacherConfig config, UNet2DConditionModel unet, UNet2DConditionModel emaUnet,
            NoiseSchedule schedule, LatentSet data, float scalingFactor, float shiftFactor,
            NDManager manager, Sampler sampler, Exporter exporter) {
        this(config, Trainee.fullUnet(unet, emaUnet), schedule, data, scalingFactor, shiftFactor, manager, sampler,
                exporter);
    }

    /**
     * Trains {@code trainee} (the whole UNet, or adapters on a frozen one); sampler and exporter
     * receive the UNet computing with the averaged weights.
     */
    public TeacherTask(TeacherConfig config, Trainee trainee, NoiseSchedule schedule, LatentSet data,
            float scalingFactor, float shiftFactor, NDManager manager, Sampler sampler, Exporter exporter) {
        this.config = config;
        this.trainee = trainee;
        this.schedule = schedule;
        this.data = data;
        this.scalingFactor = scalingFactor;
        this.shiftFactor = shiftFactor;
        this.loss = new DenoisingLoss(schedule, config.minSnrGamma());
        this.params = StateDict.parameters(trainee.trainable());
        this.optimizer = AdamW.builder().setManager(manager).optBetas(config.beta1(), config.beta2())
                .optWeightDecay(config.weightDecay()).build();
        this.ema = new Ema(params, config.emaDecay(), manager);
        this.lr = new LrSchedule(config.learningRate(), config.warmupSteps(), config.lrSchedule(), config.steps());
        this.sampler = sampler;
        this.exporter = exporter;
    }

    /**
     * Adds DreamBooth's prior preservation ({@link PriorPreservationLoss}): every micro-batch also
     * draws a batch of {@code classLatents} (the base model's own class samples) weighted by λ.
     * Call before the first step.
     */
    public TeacherTask usePriorPreservation(LatentSet classLatents, float lambda) {
        if (!(lambda > 0)) {
            throw new IllegalArgumentException("prior weight must be > 0, got " + lambda);
        }
        this.priorSet = classLatents;
        this.priorLoss = new PriorPreservationLoss(loss, lambda);
        return this;
    }

    @Override
    public StepMetrics step(long step) {
        int micro = config.gradAccumulation();
        double[] sums = new double[3];
        for (int k = 0; k < micro; k++) {
            long draw = step * micro + k; // index of this micro-batch in the whole run
            double[] terms = microStep(draw, micro);
            for (int i = 0; i < sums.length; i++) {
                sums[i] += terms[i] / micro;
            }
        }
        double gradNorm = GradientClipping.clip(params, config.gradClip());
        float rate = lr.at(step);
        optimizer.step(params, rate);
        ema.update(params);
        Map<String, Double> losses = priorSet == null ? Map.of("loss", sums[0])
                : Map.of("loss", sums[0], "instance", sums[1], "prior", sums[2]);
        return new StepMetrics(losses, rate, gradNorm, config.batchSize() * micro);
    }

    /** Returns {total, instance term, prior term} (the terms are 0 without prior preservation). */
    private double[] microStep(long draw, int micro) {
        SplittableRandom rng = Seeds.stream(config.seed(), "teacher-step", draw);
        DenoisingBatch batch = batch(data, DataOrder.batch(data.size(), config.batchSize(), draw, config.seed()), rng,
                Seeds.stream(config.seed(), "teacher-framing", draw));
        trainee.beforeMicroBatch(rng.nextInt());
        DenoisingBatch prior = priorSet == null ? null : batch(priorSet,
                DataOrder.batch(priorSet.size(), config.batchSize(), draw, config.seed() + 1),
                Seeds.stream(config.seed(), "prior-step", draw), Seeds.stream(config.seed(), "prior-framing", draw));
        UNet2DConditionModel unet = trainee.network();
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            double[] out = new double[3];
            NDArray l;
            if (prior == null) {
                l = loss.loss(unet::forward, batch.x0(), batch.eps(), batch.t(), batch.cond());
            } else {
                PriorPreservationLoss.Terms terms = priorLoss.loss(unet::forward, batch, prior);
                l = terms.total();
                out[1] = terms.instance();
                out[2] = terms.prior();
            }
            // gradients accumulate across micro-batches: scale each so the sum is the mean
            gc.backward(micro > 1 ? Tensors.div(l, micro) : l);
            out[0] = l.getFloat();
            return out;
        }
    }

    /** Draws flips, caption drops, timesteps and noise for {@code samples} of {@code set} from {@code rng}; framings from their own stream. */
    private DenoisingBatch batch(LatentSet set, int[] samples, SplittableRandom rng, SplittableRandom framingRng) {
        int b = samples.length;
        boolean[] flip = new boolean[b];
        boolean[] drop = new boolean[b];
        long[] t = new long[b];
        for (int i = 0; i < b; i++) {
            flip[i] = config.randomFlip() && rng.nextBoolean();
            drop[i] = rng.nextDouble() < config.captionDropout();
            t[i] = rng.nextInt(schedule.numTrainTimesteps());
        }
        NDManager manager = set.uncond().getManager();
        Shape latentShape = new Shape(b).addAll(set.latentShape());
        NDArray posteriorNoise = Seeds.normal(manager, latentShape, rng);
        NDArray eps = Seeds.normal(manager, latentShape, rng);
        int[] framing = set.randomVariants(b, framingRng);
        NDArray x0 = set.latents(samples, flip, framing, posteriorNoise).sub(shiftFactor).mul(scalingFactor);
        return new DenoisingBatch(x0, eps, Tensors.longs(manager, t), set.text(samples, drop, manager));
    }

    @Override
    public Map<String, Map<String, NDArray>> checkpointGroups() {
        Map<String, Map<String, NDArray>> g = new LinkedHashMap<>();
        g.put(trainee.name(), StateDict.arrays(trainee.trainable()));
        g.put("ema", ema.weights());
        g.put("optimizer", optimizer.state());
        return g;
    }

    @Override
    public ObjectNode checkpointState() {
        return new ObjectMapper().createObjectNode().put("ema_updates", ema.updates())
                .put("task", "teacher");
    }

    @Override
    public void restore(Checkpoints.Checkpoint c) {
        StateDict.load(trainee.trainable(), c.groups().get(trainee.name()), true,
                c.dir() + "/" + trainee.name() + ".safetensors");
        ema.load(c.groups().get("ema"), c.state().path("ema_updates").asLong());
        optimizer.loadState(c.groups().get("optimizer"));
    }

    /** The UNet computing with the EMA weights (valid until the next step). */
    public UNet2DConditionModel emaModel() {
        return trainee.averaged(ema.weights());
    }

    @Override
    public void sample(long step, Path png) throws IOException {
        if (sampler != null) {
            sampler.render(emaModel(), step, png);
        }
    }

    @Override
    public void exportFinal(Path dir) throws IOException {
        exporter.export(emaModel(), dir);
    }
}
