package com.pokegen.engine.train.add;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.model.nn.StateDict;
import com.pokegen.engine.model.nn.Tensors;
import com.pokegen.engine.model.unet.UNet2DConditionModel;
import com.pokegen.engine.schedule.NoiseSchedule;
import com.pokegen.engine.train.AdamW;
import com.pokegen.engine.train.Checkpoints;
import com.pokegen.engine.train.DataOrder;
import com.pokegen.engine.train.Ema;
import com.pokegen.engine.train.GradientClipping;
import com.pokegen.engine.train.LatentSet;
import com.pokegen.engine.train.Seeds;
import com.pokegen.engine.train.Trainee;
import com.pokegen.engine.train.TrainingTask;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Adversarial Diffusion Distillation (Sauer et al., 2023, §3): a student θ initialised from the
 * teacher learns to produce x̂θ(x_s, s, c) in one of N trailing steps, trained by
 * L = L_adv(x̂θ) + λ·L_distill(x̂θ, ψ) against a discriminator on the frozen teacher's features
 * (LADD) and the frozen teacher ψ itself. Each update: one generator step, then one
 * discriminator step with R1. The losses are {@link AddObjective}'s; this class draws the
 * batches, runs the optimisers and EMA, and monitors, checkpoints, samples and exports.
 */
public final class AddTask implements TrainingTask {

    /** Renders comparison grids (student 1, 2, 4, ..., student_steps steps beside the teacher); from the pipeline layer. */
    @FunctionalInterface
    public interface Sampler {
        void render(UNet2DConditionModel student, UNet2DConditionModel teacher, long step, Path png) throws IOException;
    }

    /** Writes the final student folder; from the pipeline layer. */
    @FunctionalInterface
    public interface Exporter {
        void export(UNet2DConditionModel student, Path dir) throws IOException;
    }

    private final AddConfig config;
    private final Trainee student;
    private final UNet2DConditionModel teacher;
    private final LatentDiscriminator discriminator;
    private final NoiseSchedule schedule;
    private final LatentSet data;
    private final float scalingFactor;
    private final float shiftFactor;
    private final Map<String, Parameter> studentParams;
    private final Map<String, Parameter> headParams;
    private final AdamW studentOpt;
    private final AdamW headOpt;
    private final Ema ema;
    private final AddObjective objective;
    private final long[] studentTimesteps;
    private final Sampler sampler;
    private final Exporter exporter;
    private double firstSpread = Double.NaN;
    private boolean ablationNoted;

    /**
     * @param student initialised with the teacher's (EMA) weights; trained
     * @param studentTwin an initialised twin receiving the student's EMA for sampling/export
     * @param teacher frozen: its parameters stop requiring gradients here
     */
    public AddTask(AddConfig config, UNet2DConditionModel student, UNet2DConditionModel studentTwin,
            UNet2DConditionModel teacher, NoiseSchedule schedule, LatentSet data, float scalingFactor,
            float shiftFactor, NDManager manager, Sampler sampler, Exporter exporter) {
        this(config, Trainee.fullUnet(student, studentTwin), teacher, schedule, data, scalingFactor, shiftFactor,
                manager, sampler, exporter);
    }

    /**
     * @param student what trains: a whole UNet initialised from the teacher, or adapters on the
     *     teacher itself (Turbo-LoRA: student = frozen teacher + LoRA, one UNet's weights in memory)
     * @param teacher frozen; when the student adapts it, every teacher call runs with adapters off
     */
    public AddTask(AddConfig config, Trainee student, UNet2DConditionModel teacher, NoiseSchedule schedule,
            LatentSet data, float scalingFactor, float shiftFactor, NDManager manager, Sampler sampler,
            Exporter exporter) {
        this.config = config;
        this.student = student;
        this.teacher = teacher;
        this.schedule = schedule;
        this.data = data;
        this.scalingFactor = scalingFactor;
        this.shiftFactor = shiftFactor;
        this.sampler = sampler;
        this.exporter = exporter;
        StateDict.parameters(teacher).values().forEach(p -> p.getArray().setRequiresGradient(false));
        long textDim = data.uncond().getShape().get(2);
        discriminator = new LatentDiscriminator(teacher, config.headChannels(), textDim);
        // heads start from the run's seed, so two runs with one seed are the same run
        Engine.getInstance().setRandomSeed(Seeds.stream(config.seed(), "disc-init", 0).nextInt());
        discriminator.initialize(manager);
        studentParams = StateDict.parameters(student.trainable());
        headParams = StateDict.parameters(discriminator);
        studentOpt = AdamW.builder().setManager(manager).optBetas(config.beta1(), config.beta2()).optWeightDecay(0).build();
        headOpt = AdamW.builder().setManager(manager).optBetas(config.beta1(), config.beta2()).optWeightDecay(0).build();
        ema = new Ema(studentParams, config.emaDecay(), manager);
        objective = new AddObjective(config, schedule, discriminator,
                new DistillationLoss(schedule, config.distillWeighting(), config.teacherGuidance()), this::teacherFeatures);
        studentTimesteps = config.studentTimesteps(schedule.numTrainTimesteps());
    }

    /** The batch of one update, drawn from (seed, step) only. */
    private final class Draw implements AddObjective.Draws {
        final NDArray x0;
        final NDArray cond;
        final NDArray uncond;
        final NDArray pooled;
        final NDArray s;
        final NDArray eps;
        final SplittableRandom rng;

        Draw(long step) {
            int b = config.batchSize();
            int[] samples = DataOrder.batch(data.size(), b, step, config.seed());
            rng = Seeds.stream(config.seed(), "add-step", step);
            boolean[] flip = new boolean[b];
            long[] s0 = new long[b];
            for (int i = 0; i < b; i++) {
                flip[i] = rng.nextBoolean();
                s0[i] = studentTimesteps[rng.nextInt(studentTimesteps.length)];
            }
            NDManager m = data.uncond().getManager();
            Shape shape = new Shape(b).addAll(data.latentShape());
            int[] framing = data.randomVariants(b, Seeds.stream(config.seed(), "add-framing", step));
            x0 = data.latents(samples, flip, framing, Seeds.normal(m, shape, rng)).sub(shiftFactor).mul(scalingFactor);
            cond = data.text(samples, new boolean[b], m);
            uncond = data.uncond().repeat(0, b);
            pooled = cond.mean(new int[] {1}); // (B, D)
            s = Tensors.longs(m, s0);
            eps = Seeds.normal(m, shape, rng);
        }

        @Override
        public NDArray normal() {
            return Seeds.normal(x0.getManager(), x0.getShape(), rng);
        }

        /** Discriminator timesteps: 0 for a clean fraction, else U[0, disc_max_timestep). */
        @Override
        public NDArray discTimesteps() {
            long[] t = new long[(int) x0.getShape().get(0)];
            for (int i = 0; i < t.length; i++) {
                t[i] = rng.nextDouble() < config.discCleanFraction() ? 0 : rng.nextInt(config.discMaxTimestep());
            }
            return Tensors.longs(x0.getManager(), t);
        }

        @Override
        public NDArray teacherTimesteps() {
            long[] t = new long[(int) x0.getShape().get(0)];
            for (int i = 0; i < t.length; i++) {
                t[i] = rng.nextInt(schedule.numTrainTimesteps());
            }
            return Tensors.longs(x0.getManager(), t);
        }
    }

    @Override
    public StepMetrics step(long step) {
        Draw d = new Draw(step);
        Map<String, Double> logged = new LinkedHashMap<>();
        NDArray fake = generatorStep(d, logged);
        if (config.adversarialWeight() > 0) {
            discriminatorStep(d, fake, logged);
        }
        ema.update(studentParams);
        return new StepMetrics(logged, config.studentLr(), logged.get("g_grad_norm"), config.batchSize());
    }

    /** Updates the student with {@link AddObjective#student}; returns sg(x̂θ) for the discriminator. */
    private NDArray generatorStep(Draw d, Map<String, Double> logged) {
        NDArray fakeDetached;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray xs = schedule.addNoise(d.x0, d.eps, d.s);
            NDArray x0hat = schedule.predictX0(student.network().forward(xs, d.s, d.cond), xs, d.s);
            NDArray total = objective.student(x0hat, (x, t, c) -> student.frozenBase(() -> teacher.forward(x, t, c)), d,
                    d.cond, d.uncond, d.pooled, logged);
            gc.backward(total);
            logged.put("loss", (double) total.getFloat());
            fakeDetached = x0hat.stopGradient();
        }
        headParams.values().forEach(p -> JniUtils.zeroGrad((PtNDArray) p.getArray())); // G's pass reached the heads
        logged.put("g_grad_norm", GradientClipping.clip(studentParams, config.gradClip()));
        studentOpt.step(studentParams, config.studentLr());
        return fakeDetached;
    }

    /** Updates the discriminator heads with {@link AddObjective#discriminator}. */
    private void discriminatorStep(Draw d, NDArray fake, Map<String, Double> logged) {
        try (AddObjective.Features f = objective.features(d.x0, fake, d, d.cond);
                GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(objective.discriminator(f, d.pooled, logged));
        }
        logged.put("d_grad_norm", GradientClipping.clip(headParams, config.gradClip()));
        headOpt.step(headParams, config.discLr());
    }

    /** The discriminator's frozen-teacher features (adapters off when the student adapts the teacher). */
    private List<NDArray> teacherFeatures(NDArray noisy, NDArray t, NDArray cond) {
        return student.frozenBase(() -> discriminator.features(noisy, t, cond));
    }

    /**
     * Spread of 1-step student samples across 4 seeds for the first sample prompt: mean pairwise
     * RMS distance over mean RMS. Near 0 means the student ignores its noise (mode collapse).
     */
    public double diversity(long step) {
        try (NDManager m = data.uncond().getManager().newSubManager()) {
            int k = 4;
            Shape shape = new Shape(k).addAll(data.latentShape());
            NDArray noise = Seeds.normal(m, shape, Seeds.stream(config.seed(), "diversity", 0));
            NDArray s = Tensors.longs(m, new long[] {studentTimesteps[0], studentTimesteps[0], studentTimesteps[0], studentTimesteps[0]});
            NDArray xs = schedule.addNoise(m.zeros(shape), noise, s);
            NDArray cond = data.text(new int[] {0, 0, 0, 0}, new boolean[k], m);
            NDArray x = schedule.predictX0(studentTwinWithEma().forward(xs, s, cond), xs, s).reshape(k, -1);
            double pair = 0;
            int pairs = 0;
            for (int i = 0; i < k; i++) {
                for (int j = i + 1; j < k; j++) {
                    pair += Math.sqrt(x.get(i).sub(x.get(j)).square().mean().getFloat());
                    pairs++;
                }
            }
            double rms = Math.sqrt(x.square().mean().getFloat());
            return pair / pairs / Math.max(rms, 1e-8);
        }
    }

    @Override
    public ObjectNode monitor(long done) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        if (!ablationNoted && ablationNote() != null) {
            ablationNoted = true;
            o.put("message", ablationNote());
        }
        if (config.diversityEvery() <= 0 || done % config.diversityEvery() != 0) {
            return o.isEmpty() ? null : o;
        }
        double spread = diversity(done);
        o.put("diversity", spread);
        if (collapsed(spread)) {
            o.put("warning", String.format("possible mode collapse: 1-step samples across seeds spread %.3f,"
                    + " below %.0f%% of the first measurement (%.3f). Lower the discriminator learning rate"
                    + " or raise distill_weight.", spread, 100 * config.collapseRatio(), firstSpread));
        }
        return o;
    }

    /** What an ablation leaves out, or null for full ADD. */
    String ablationNote() {
        if (config.adversarialWeight() == 0) {
            return "adversarial_weight = 0 (distillation-only ablation): no discriminator step, no adversarial term";
        }
        if (config.distillWeight() == 0) {
            return "distill_weight = 0 (adversarial-only ablation): the teacher is not asked for distillation targets";
        }
        return null;
    }

    /** True when the spread fell below {@code collapse_ratio} of its first measurement. */
    public boolean collapsed(double spread) {
        if (Double.isNaN(firstSpread)) {
            firstSpread = spread;
            return false;
        }
        return spread < config.collapseRatio() * firstSpread;
    }

    private UNet2DConditionModel studentTwinWithEma() {
        return student.averaged(ema.weights());
    }

    @Override
    public Map<String, Map<String, NDArray>> checkpointGroups() {
        Map<String, Map<String, NDArray>> g = new LinkedHashMap<>();
        g.put("student", StateDict.arrays(student.trainable()));
        g.put("student_ema", ema.weights());
        g.put("heads", StateDict.arrays(discriminator));
        g.put("student_optimizer", studentOpt.state());
        g.put("heads_optimizer", headOpt.state());
        return g;
    }

    @Override
    public ObjectNode checkpointState() {
        ObjectNode o = new ObjectMapper().createObjectNode().put("task", "add").put("ema_updates", ema.updates());
        if (!Double.isNaN(firstSpread)) {
            o.put("first_spread", firstSpread);
        }
        return o;
    }

    @Override
    public void restore(Checkpoints.Checkpoint c) {
        StateDict.load(student.trainable(), c.groups().get("student"), true, c.dir() + "/student.safetensors");
        StateDict.load(discriminator, c.groups().get("heads"), true, c.dir() + "/heads.safetensors");
        ema.load(c.groups().get("student_ema"), c.state().path("ema_updates").asLong());
        studentOpt.loadState(c.groups().get("student_optimizer"));
        headOpt.loadState(c.groups().get("heads_optimizer"));
        firstSpread = c.state().path("first_spread").asDouble(Double.NaN);
    }

    @Override
    public void sample(long step, Path png) throws IOException {
        if (sampler != null) {
            sampler.render(studentTwinWithEma(), teacher, step, png);
        }
    }

    @Override
    public void exportFinal(Path dir) throws IOException {
        exporter.export(studentTwinWithEma(), dir);
    }
}
