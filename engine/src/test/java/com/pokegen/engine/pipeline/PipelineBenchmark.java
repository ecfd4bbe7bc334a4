package com.pokegen.engine.pipeline;

import com.pokegen.engine.schedule.TimestepSpacing;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Wall time of one 32×32 image from {@code fixtures/pipeline_tiny}: the ADD student's path
 * (Euler-ancestral, trailing, 1/2/4 steps, no guidance) against a teacher's 50 DDIM steps with
 * CFG 7.5 (100 UNet evaluations). Configurations are interleaved round by round so a busy
 * machine slows them alike; medians and ratios are printed, nothing is asserted.
 * Run: {@code ./mvnw -B -Pbench test -pl engine -Dtest=PipelineBenchmark}. On a shared, busy
 * CPU, libtorch's OpenMP threads wait on each other; {@code OMP_NUM_THREADS=1} was ~50× faster there.
 */
@Tag("bench")
class PipelineBenchmark {

    private static final int WARMUP = 2;
    private static final int ROUNDS = 9;

    @Test
    void studentStepsVersusFiftyStepsWithGuidance() throws Exception {
        try (DiffusionPipeline pipeline = DiffusionPipeline.load(PipelineFixtures.pipelineFolder())) {
            TextToImage t2i = TextToImage.of(pipeline);
            Map<String, GenerationRequest> configs = new LinkedHashMap<>();
            for (int steps : new int[] {1, 2, 4}) {
                configs.put("student " + steps + " step(s), guidance 0", request(steps, 0)
                        .optScheduler("euler-ancestral").optTimestepSpacing(TimestepSpacing.TRAILING).build());
            }
            configs.put("teacher 50 DDIM steps, CFG 7.5", request(50, 7.5).build());

            Map<String, List<Double>> times = new LinkedHashMap<>();
            configs.keySet().forEach(k -> times.put(k, new ArrayList<>()));
            for (int round = 0; round < WARMUP + ROUNDS; round++) {
                for (Map.Entry<String, GenerationRequest> c : configs.entrySet()) {
                    long t0 = System.nanoTime();
                    t2i.generate(c.getValue());
                    double ms = (System.nanoTime() - t0) / 1e6;
                    if (round >= WARMUP) {
                        times.get(c.getKey()).add(ms);
                    }
                }
            }
            double teacher = median(times.get("teacher 50 DDIM steps, CFG 7.5"));
            System.out.printf("%nPipelineBenchmark: fixtures/pipeline_tiny, 1 image 32x32, %d rounds (medians),"
                    + " %d cores, OMP_NUM_THREADS=%s%n", ROUNDS, Runtime.getRuntime().availableProcessors(),
                    System.getenv("OMP_NUM_THREADS"));
            for (Map.Entry<String, List<Double>> e : times.entrySet()) {
                double m = median(e.getValue());
                System.out.printf("  %-34s %9.1f ms   teacher/this = %6.1fx%n", e.getKey(), m, teacher / m);
            }
            double one = median(times.get("student 1 step(s), guidance 0"));
            System.out.printf("  2 steps / 1 step = %.2f, 4 steps / 1 step = %.2f%n",
                    median(times.get("student 2 step(s), guidance 0")) / one,
                    median(times.get("student 4 step(s), guidance 0")) / one);
        }
    }

    private static GenerationRequest.Builder request(int steps, double guidance) {
        return GenerationRequest.builder().setPrompts(List.of(PipelineFixtures.PROMPTS[0])).setSeeds(1)
                .optSteps(steps).optGuidance(guidance);
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
