package com.pokegen.engine.train.add;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pokegen.engine.io.Safetensors;
import com.pokegen.engine.model.nn.StateDict;
import com.pokegen.engine.model.unet.UNet2DConditionConfig;
import com.pokegen.engine.model.unet.UNet2DConditionModel;
import com.pokegen.engine.schedule.NoiseSchedule;
import com.pokegen.engine.train.LatentSet;
import com.pokegen.engine.train.TeacherConfig;
import com.pokegen.engine.train.TeacherTask;
import com.pokegen.engine.train.Training;
import com.pokegen.engine.train.TrainingTask;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wall time of one ADD update (student forward+backward, teacher CFG target, discriminator
 * features + heads with R1 double backward) next to one teacher training update, both on the
 * pokemon-tiny preset UNet with the same batch: 16 random 16×16×4 latents and 77×384 text
 * states. Steps alternate so a busy machine slows both alike; medians after warm-up and their
 * ratio are printed, nothing is asserted.
 * Run: {@code ./mvnw -B -Pbench test -pl engine -Dtest=AddStepBenchmark}.
 */
@Tag("bench")
class AddStepBenchmark {

    private static final int BATCH = 16;
    private static final int WARMUP = 1;
    private static final int ROUNDS = 3;

    @Test
    void oneAddStepVersusOneTeacherStep(@TempDir Path dir) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            LatentSet data = randomLatents(dir.resolve("latents.safetensors"), m, BATCH, 16, 384);
            UNet2DConditionConfig cfg = Training.presetUnet("pokemon-tiny");
            NoiseSchedule schedule = NoiseSchedule.stableDiffusion();
            UNet2DConditionModel teacherUnet = unet(cfg, m);
            TeacherTask teacherTask = new TeacherTask(
                    TeacherConfig.of(new ObjectMapper().createObjectNode().put("batch_size", BATCH)),
                    teacherUnet, unet(cfg, m), schedule, data, 0.18215f, 0f, m, null, null);
            UNet2DConditionModel frozen = unet(cfg, m);
            UNet2DConditionModel student = unet(cfg, m);
            StateDict.load(student, StateDict.arrays(frozen), true, "teacher");
            AddConfig addConfig = AddConfig.of(new ObjectMapper().createObjectNode().put("batch_size", BATCH));
            AddTask addTask = new AddTask(addConfig, student, unet(cfg, m), frozen, schedule, data, 0.18215f, 0f, m,
                    null, null);

            Map<String, TrainingTask> tasks = new LinkedHashMap<>();
            tasks.put("teacher step", teacherTask);
            tasks.put("ADD step", addTask);
            Map<String, List<Double>> times = new LinkedHashMap<>();
            tasks.keySet().forEach(k -> times.put(k, new ArrayList<>()));
            for (int round = 0; round < WARMUP + ROUNDS; round++) {
                for (Map.Entry<String, TrainingTask> t : tasks.entrySet()) {
                    try (NDScope scope = new NDScope()) {
                        long t0 = System.nanoTime();
                        t.getValue().step(round);
                        double ms = (System.nanoTime() - t0) / 1e6;
                        if (round >= WARMUP) {
                            times.get(t.getKey()).add(ms);
                        }
                    }
                }
            }
            double teacher = median(times.get("teacher step"));
            double add = median(times.get("ADD step"));
            System.out.printf("%nAddStepBenchmark: pokemon-tiny UNet (%,d parameters), batch %d, 16x16x4 latents,"
                    + " 77x384 text, ADD defaults (CFG %.1f target, R1, %d heads' channels); %d rounds after %d warm-up,"
                    + " %d cores, OMP_NUM_THREADS=%s%n", StateDict.parameters(student).values().stream()
                    .mapToLong(p -> p.getArray().size()).sum(), BATCH, addConfig.teacherGuidance(),
                    addConfig.headChannels(), ROUNDS, WARMUP, Runtime.getRuntime().availableProcessors(),
                    System.getenv("OMP_NUM_THREADS"));
            System.out.printf("  teacher training step  %9.1f ms (median)%n", teacher);
            System.out.printf("  ADD step               %9.1f ms (median)%n", add);
            System.out.printf("  ADD / teacher          %9.2fx%n", add / teacher);
            data.close();
        }
    }

    private static UNet2DConditionModel unet(UNet2DConditionConfig cfg, NDManager m) {
        UNet2DConditionModel u = new UNet2DConditionModel(cfg);
        u.initialize(m);
        return u;
    }

    /** A latent set of {@code batch} random side² images (and mirrors) with random 77×textDim caption states. */
    static LatentSet randomLatents(Path file, NDManager m, int batch, int side, int textDim) throws Exception {
        m.getEngine().setRandomSeed(0);
        Map<String, NDArray> t = new LinkedHashMap<>();
        t.put("mean", m.randomNormal(new Shape(2L * batch, 4, side, side)).mul(5f));
        t.put("logvar", m.full(new Shape(2L * batch, 4, side, side), -6f));
        t.put("text", m.randomNormal(new Shape(batch, 77, textDim)));
        t.put("uncond", m.randomNormal(new Shape(1, 77, textDim)));
        int[] owner = new int[batch];
        List<String> captions = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            owner[i] = i;
            captions.add("caption " + i);
        }
        t.put("owner", m.create(owner));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("key", "bench");
        meta.put("captions", new ObjectMapper().writeValueAsString(captions));
        Safetensors.write(file, t, meta);
        return LatentSet.loadIfMatches(file, "bench", m);
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
