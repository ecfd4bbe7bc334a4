package com.pokegen.engine.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pokegen.engine.model.nn.StateDict;
import com.pokegen.engine.model.nn.Tensors;
import com.pokegen.engine.model.unet.UNet2DConditionModel;
import com.pokegen.engine.model.vae.AutoencoderKL;
import com.pokegen.engine.schedule.NoiseSchedule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Training speed on this CPU: one teacher update of the pokemon-tiny UNet (batch 32 of random
 * 16×16×4 latents with 77×384 MiniLM-shaped text states: denoising loss with min-SNR weighting,
 * backward, gradient clipping, AdamW), the same maths as {@link TeacherTask#step} without the
 * dataset; and one {@link VaeTask} update with the default {@link VaeConfig}. Prints medians
 * after warm-up; asserts nothing. Run: {@code ./mvnw -B -Pbench test -pl engine -Dtest=TrainingStepBenchmark}.
 */
@Tag("bench")
class TrainingStepBenchmark {

    private static final int WARMUP = 2;
    private static final int ROUNDS = 5;
    private static final int BATCH = 32;

    @Test
    void pokemonTinyTeacherStepAndDefaultVaeStep() throws Exception {
        System.out.printf("%nTrainingStepBenchmark: %d cores, OMP_NUM_THREADS=%s, %d warm-up + %d timed steps%n",
                Runtime.getRuntime().availableProcessors(), System.getenv("OMP_NUM_THREADS"), WARMUP, ROUNDS);
        double teacher = teacherStepSeconds();
        System.out.printf("  teacher pokemon-tiny, batch %d, 16x16x4 latents: %.2f s/step, %.1f images/s%n",
                BATCH, teacher, BATCH / teacher);
        VaeConfig vc = VaeConfig.of(new ObjectMapper().createObjectNode());
        double vae = vaeStepSeconds(vc);
        System.out.printf("  VAE default config (%d px, %s, batch %d): %.2f s/step, %.1f images/s%n",
                vc.resolution(), vc.blockOutChannels(), vc.batchSize(), vae, vc.batchSize() / vae);
    }

    private static double teacherStepSeconds() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(1);
            UNet2DConditionModel unet = new UNet2DConditionModel(Training.presetUnet("pokemon-tiny"));
            unet.initialize(m);
            Map<String, Parameter> params = StateDict.parameters(unet);
            AdamW adam = AdamW.builder().setManager(m).optWeightDecay(0.01f).build();
            DenoisingLoss loss = new DenoisingLoss(NoiseSchedule.stableDiffusion(), 5f);
            Random rng = new Random(0);
            return median(() -> {
                NDArray x0 = m.randomNormal(new Shape(BATCH, 4, 16, 16));
                NDArray eps = m.randomNormal(new Shape(BATCH, 4, 16, 16));
                NDArray cond = m.randomNormal(new Shape(BATCH, 77, 384));
                long[] t = new long[BATCH];
                Arrays.setAll(t, i -> rng.nextInt(1000));
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(loss.loss(unet::forward, x0, eps, Tensors.longs(m, t), cond));
                }
                GradientClipping.clip(params, 1.0);
                adam.step(params, 1e-4f);
            });
        }
    }

    private static double vaeStepSeconds(VaeConfig c) {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(1);
            AutoencoderKL vae = new AutoencoderKL(VaeTask.modelConfig(c));
            vae.initialize(m);
            NDArray images = m.randomUniform(-1f, 1f, new Shape(c.batchSize(), 3, c.resolution(), c.resolution()));
            VaeTask task = new VaeTask(c, vae, images, m);
            long[] step = {0};
            return median(() -> task.step(step[0]++));
        }
    }

    /** Median wall seconds of {@code step} after warm-up, each run in its own NDScope. */
    private static double median(Runnable step) {
        List<Double> secs = new ArrayList<>();
        for (int i = 0; i < WARMUP + ROUNDS; i++) {
            long t0 = System.nanoTime();
            try (NDScope scope = new NDScope()) {
                step.run();
            }
            if (i >= WARMUP) {
                secs.add((System.nanoTime() - t0) / 1e9);
            }
        }
        secs.sort(null);
        return secs.get(secs.size() / 2);
    }
}
