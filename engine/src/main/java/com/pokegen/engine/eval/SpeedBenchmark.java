package com.pokegen.engine.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;

/**
 * Latency and throughput of generation calls, measured the way the speed claims are meant to be
 * compared: same process, same machine, warm-up calls discarded, medians over repetitions, and
 * speed-ups as ratios of per-image median latencies taken in one run. The clock is injectable so
 * the statistics can be tested without real time.
 */
public final class SpeedBenchmark {

    private final int warmup;
    private final int repetitions;
    private final LongSupplier nanoTime;
    private final BenchEnvironment environment;

    private SpeedBenchmark(Builder b) {
        this.warmup = b.warmup;
        this.repetitions = b.repetitions;
        this.nanoTime = b.nanoTime;
        this.environment = b.environment;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Configures a benchmark; every field has a default. */
    public static final class Builder {
        private int warmup = 2;
        private int repetitions = 10;
        private LongSupplier nanoTime = System::nanoTime;
        private BenchEnvironment environment;

        /** Discarded calls before timing (default 2). */
        public Builder optWarmup(int n) {
            warmup = n;
            return this;
        }

        /** Timed calls (default 10). */
        public Builder optRepetitions(int n) {
            repetitions = n;
            return this;
        }

        /** The clock (default {@link System#nanoTime}); tests pass a fake one. */
        public Builder optClock(LongSupplier clock) {
            nanoTime = clock;
            return this;
        }

        /** What the numbers were measured on (default {@link BenchEnvironment#capture()}). */
        public Builder optEnvironment(BenchEnvironment env) {
            environment = env;
            return this;
        }

        public SpeedBenchmark build() {
            if (warmup < 0 || repetitions < 1) {
                throw new IllegalArgumentException("need warmup ≥ 0 and repetitions ≥ 1, got " + warmup + ", " + repetitions);
            }
            if (environment == null) {
                environment = BenchEnvironment.capture();
            }
            return new SpeedBenchmark(this);
        }
    }

    /** Times {@code task}, which produces {@code imagesPerCall} images per call. */
    public Timing measure(String name, int imagesPerCall, Runnable task) {
        return measure(name, imagesPerCall, () -> {
            task.run();
            return null;
        });
    }

    /** Times {@code task}; checked exceptions are rethrown unchecked with the case named. */
    public Timing measure(String name, int imagesPerCall, Callable<?> task) {
        if (imagesPerCall < 1) {
            throw new IllegalArgumentException("imagesPerCall must be ≥ 1, got " + imagesPerCall);
        }
        for (int i = 0; i < warmup; i++) {
            call(name, task);
        }
        long[] samples = new long[repetitions];
        for (int i = 0; i < repetitions; i++) {
            long t0 = nanoTime.getAsLong();
            call(name, task);
            samples[i] = nanoTime.getAsLong() - t0;
        }
        return Timing.of(name, warmup, imagesPerCall, samples);
    }

    private static void call(String name, Callable<?> task) {
        try {
            task.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("benchmark case '" + name + "' failed: " + e.getMessage(), e);
        }
    }

    /** Timings of several cases with speed-ups against {@code baseline}, plus the environment. */
    public SpeedReport report(Timing baseline, List<Timing> others) {
        List<Timing> all = new ArrayList<>();
        all.add(baseline);
        all.addAll(others);
        List<Ratio> ratios = new ArrayList<>();
        for (Timing t : others) {
            ratios.add(new Ratio(t.name(), baseline.name(), baseline.medianMsPerImage() / t.medianMsPerImage()));
        }
        return new SpeedReport(environment, all, ratios);
    }

    public BenchEnvironment environment() {
        return environment;
    }

    /**
     * One case's statistics. Latencies are per call; per-image figures divide by the batch.
     *
     * @param samplesNanos the timed calls, in order
     */
    public record Timing(String name, int warmup, int repetitions, int imagesPerCall, double medianMs, double p90Ms,
            double meanMs, double minMs, double imagesPerSecond, long[] samplesNanos) {

        static Timing of(String name, int warmup, int imagesPerCall, long[] samples) {
            double[] ms = Arrays.stream(samples).mapToDouble(n -> n / 1e6).sorted().toArray();
            double median = percentile(ms, 0.5);
            double mean = Arrays.stream(ms).average().orElse(Double.NaN);
            return new Timing(name, warmup, samples.length, imagesPerCall, median, percentile(ms, 0.9), mean, ms[0],
                    imagesPerCall * 1000.0 / median, samples.clone());
        }

        public double medianMsPerImage() {
            return medianMs / imagesPerCall;
        }
    }

    /** {@code candidate} is {@code speedup}× faster per image than {@code baseline}. */
    public record Ratio(String candidate, String baseline, double speedup) {}

    /** Everything the speed table shows. */
    public record SpeedReport(BenchEnvironment environment, List<Timing> timings, List<Ratio> ratios) {}

    /** Linear interpolation between order statistics (numpy's default), q in [0, 1], on sorted data. */
    static double percentile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
