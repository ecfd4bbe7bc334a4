package com.pokegen.engine.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SpeedBenchmarkTest {

    private static final BenchEnvironment ENV = new BenchEnvironment("PyTorch 2.7.1", "cpu()", 2, 2, 2, "Linux", "17");

    /** A task that advances a fake clock by the next duration (ms) in the list. */
    private static Runnable advancing(AtomicLong clock, long... durationsMs) {
        int[] i = {0};
        return () -> clock.addAndGet(durationsMs[i[0]++] * 1_000_000L);
    }

    @Test
    void warmupIsDiscardedAndStatisticsFollowNumpy() {
        AtomicLong clock = new AtomicLong();
        SpeedBenchmark bench = SpeedBenchmark.builder().optWarmup(2).optRepetitions(5).optClock(clock::get)
                .optEnvironment(ENV).build();
        // warm-up 1000 and 900 ms (discarded), then 50, 10, 30, 20, 40
        SpeedBenchmark.Timing t = bench.measure("teacher", 4, advancing(clock, 1000, 900, 50, 10, 30, 20, 40));
        assertEquals(30, t.medianMs(), 1e-12);
        assertEquals(46, t.p90Ms(), 1e-12); // sorted 10..50: position 0.9·4 = 3.6 → 40 + 0.6·10
        assertEquals(30, t.meanMs(), 1e-12);
        assertEquals(10, t.minMs(), 1e-12);
        assertEquals(7.5, t.medianMsPerImage(), 1e-12);
        assertEquals(4 * 1000.0 / 30, t.imagesPerSecond(), 1e-9);
        assertArrayEquals(new long[] {50_000_000, 10_000_000, 30_000_000, 20_000_000, 40_000_000}, t.samplesNanos());
    }

    @Test
    void ratiosCompareMediansPerImage() {
        AtomicLong clock = new AtomicLong();
        SpeedBenchmark bench = SpeedBenchmark.builder().optWarmup(1).optRepetitions(3).optClock(clock::get)
                .optEnvironment(ENV).build();
        SpeedBenchmark.Timing teacher = bench.measure("teacher 50 steps + CFG", 2, advancing(clock, 0, 2000, 2400, 2200));
        SpeedBenchmark.Timing one = bench.measure("student 1 step", 8, advancing(clock, 0, 40, 48, 44));
        SpeedBenchmark.Timing four = bench.measure("student 4 steps", 8, advancing(clock, 0, 176, 200, 180));
        SpeedBenchmark.SpeedReport r = bench.report(teacher, List.of(one, four));
        assertEquals(3, r.timings().size());
        // teacher 1100 ms/image; 1 step 5.5 ms/image → 200×; 4 steps 22.5 ms/image → 48.9×
        assertEquals(200, r.ratios().get(0).speedup(), 1e-9);
        assertEquals(1100 / 22.5, r.ratios().get(1).speedup(), 1e-9);
        assertEquals("teacher 50 steps + CFG", r.ratios().get(1).baseline());
        assertEquals(ENV, r.environment());
    }

    @Test
    void percentileInterpolatesAndHandlesOneSample() {
        assertEquals(7, SpeedBenchmark.percentile(new double[] {7}, 0.9), 0);
        assertEquals(2.5, SpeedBenchmark.percentile(new double[] {1, 2, 3, 4}, 0.5), 0);
        assertThrows(IllegalArgumentException.class, () -> SpeedBenchmark.builder().optRepetitions(0).optEnvironment(ENV).build());
    }

    @Test
    void capturesTheRealEngineEnvironment() {
        BenchEnvironment env = BenchEnvironment.capture();
        assertTrue(env.engine().startsWith("PyTorch"), env.engine());
        assertTrue(env.intraOpThreads() >= 1, env.toString());
        assertTrue(env.availableProcessors() >= 1);
    }
}
