package com.pokegen.engine.eval.run;

import com.pokegen.engine.eval.SpeedBenchmark;
import com.pokegen.engine.pipeline.GenerationRequest;
import com.pokegen.engine.pipeline.TextToImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Latency (one image per call) and throughput (a batch per call) of the teacher's N steps with
 * its CFG against the student's 1/2/4 steps, end to end (text encoding, sampling, VAE decode),
 * in one process and one run, with warm-up calls discarded and medians reported. Speed-ups are
 * ratios of per-image medians against the teacher case of the same batch size (or, without a
 * teacher, against the student's largest step count).
 */
final class SpeedRun {

    /** One sampler to time. */
    record Case(String name, TextToImage sampler, int steps, double guidance) {}

    private SpeedRun() {}

    static SpeedBenchmark.SpeedReport measure(Case baseline, List<Case> candidates, String prompt, EvalSpec spec,
            EvalProgress progress, BooleanSupplier cancelled) {
        SpeedBenchmark bench = SpeedBenchmark.builder().optWarmup(spec.speedWarmup)
                .optRepetitions(spec.speedRepetitions).build();
        List<SpeedBenchmark.Timing> timings = new ArrayList<>();
        List<SpeedBenchmark.Ratio> ratios = new ArrayList<>();
        int[] batches = spec.speedBatch > 1 ? new int[] {1, spec.speedBatch} : new int[] {1};
        int total = batches.length * (1 + candidates.size());
        int done = 0;
        for (int batch : batches) {
            progress.onProgress("speed", done++, total);
            SpeedBenchmark.Timing base = time(bench, baseline, batch, prompt, spec.seed, cancelled);
            List<SpeedBenchmark.Timing> others = new ArrayList<>();
            for (Case c : candidates) {
                progress.onProgress("speed", done++, total);
                others.add(time(bench, c, batch, prompt, spec.seed, cancelled));
            }
            SpeedBenchmark.SpeedReport part = bench.report(base, others);
            timings.addAll(part.timings());
            ratios.addAll(part.ratios());
        }
        progress.onProgress("speed", total, total);
        return new SpeedBenchmark.SpeedReport(bench.environment(), timings, ratios);
    }

    private static SpeedBenchmark.Timing time(SpeedBenchmark bench, Case c, int batch, String prompt, long seed,
            BooleanSupplier cancelled) {
        long[] seeds = new long[batch];
        for (int i = 0; i < batch; i++) {
            seeds[i] = seed + i;
        }
        GenerationRequest request = GenerationRequest.builder().setPrompts(Collections.nCopies(batch, prompt))
                .setSeeds(seeds).optSteps(c.steps()).optGuidance(c.guidance()).optBatchSize(batch)
                .optCancellation(cancelled).build();
        String name = c.name() + (batch == 1 ? ", 1 image/call (latency)" : ", " + batch + " images/call (throughput)");
        return bench.measure(name, batch, () -> {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("evaluation cancelled during the speed benchmark");
            }
            return c.sampler().generate(request);
        });
    }
}
