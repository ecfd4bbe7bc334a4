package com.pokegen.app.testing;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures how responsive the FX thread stays, two ways at once while work runs elsewhere:
 * <ul>
 *   <li>pulse gap: an {@link AnimationTimer} (which also keeps pulses coming at ~60 Hz) records the
 *   longest time between two consecutive pulses;</li>
 *   <li>blocking: the CPU time the FX thread itself spent between two consecutive pulses (its own
 *   work between frames: layout, chart updates, handlers), which, unlike the wall-clock gap, does not
 *   grow when a loaded machine leaves the thread waiting for a core;</li>
 *   <li>run-later latency: every 20 ms a background thread posts a {@link Platform#runLater} probe
 *   and records how long the longest one waited before the FX thread ran it.</li>
 * </ul>
 * Start it off the FX thread, let the work run, then {@link #stop()} and read the maxima.
 */
public final class FxResponsivenessProbe {

    private static final long PROBE_PERIOD_MS = 20;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private final AtomicLong lastPulse = new AtomicLong();
    private final AtomicLong maxPulseGap = new AtomicLong();
    private final AtomicLong pulses = new AtomicLong();
    private final AtomicLong lastPulseCpu = new AtomicLong();
    private final AtomicLong maxCpuBetweenPulses = new AtomicLong();
    private final AtomicLong maxRunLaterDelay = new AtomicLong();
    private final AtomicLong probesRun = new AtomicLong();
    private final ScheduledExecutorService poster = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "fx-probe");
        thread.setDaemon(true);
        return thread;
    });
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long frameNanos) {
            long now = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            long previous = lastPulse.getAndSet(now);
            long previousCpu = lastPulseCpu.getAndSet(cpu);
            if (previous != 0) {
                maxPulseGap.accumulateAndGet(now - previous, Math::max);
                maxCpuBetweenPulses.accumulateAndGet(cpu - previousCpu, Math::max);
            }
            pulses.incrementAndGet();
        }
    };
    private long startedNanos;
    private long stoppedNanos;
    private final AtomicLong fxThreadId = new AtomicLong(-1);
    private long fxCpuStart;
    private long fxCpuStop;

    /** Starts the pulse timer and the run-later probes. */
    public static FxResponsivenessProbe start() {
        FxResponsivenessProbe probe = new FxResponsivenessProbe();
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        Platform.runLater(() -> {
            probe.fxThreadId.set(Thread.currentThread().getId());
            probe.fxCpuStart = THREADS.getThreadCpuTime(Thread.currentThread().getId());
            probe.timer.start();
            started.countDown();
        });
        try {
            started.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        probe.startedNanos = System.nanoTime();
        probe.poster.scheduleAtFixedRate(() -> {
            long posted = System.nanoTime();
            Platform.runLater(() -> {
                probe.maxRunLaterDelay.accumulateAndGet(System.nanoTime() - posted, Math::max);
                probe.probesRun.incrementAndGet();
            });
        }, 0, PROBE_PERIOD_MS, TimeUnit.MILLISECONDS);
        return probe;
    }

    /** Stops probing; call from a test thread (waits for the FX thread to stop the timer). */
    public void stop() throws InterruptedException {
        poster.shutdownNow();
        poster.awaitTermination(1, TimeUnit.SECONDS);
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        Platform.runLater(() -> {
            timer.stop();
            fxCpuStop = THREADS.getThreadCpuTime(Thread.currentThread().getId());
            stopped.countDown();
        });
        stopped.await(5, TimeUnit.SECONDS);
        stoppedNanos = System.nanoTime();
    }

    public long maxPulseGapMs() {
        return TimeUnit.NANOSECONDS.toMillis(maxPulseGap.get());
    }

    /** The longest the FX thread kept itself busy between two pulses (thread CPU time). */
    public long maxBlockingMs() {
        return TimeUnit.NANOSECONDS.toMillis(maxCpuBetweenPulses.get());
    }

    /** Whether the machine had spare cores (load average below the core count) during the window. */
    public static boolean machineHasSpareCores() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()
                < Runtime.getRuntime().availableProcessors();
    }

    public long maxRunLaterDelayMs() {
        return TimeUnit.NANOSECONDS.toMillis(maxRunLaterDelay.get());
    }

    public long pulses() {
        return pulses.get();
    }

    public long probesRun() {
        return probesRun.get();
    }

    public long windowMs() {
        return TimeUnit.NANOSECONDS.toMillis(stoppedNanos - startedNanos);
    }

    /** CPU time the FX thread itself used in the window (high: the UI does too much; low: it waited for a core). */
    public long fxCpuMs() {
        return TimeUnit.NANOSECONDS.toMillis(fxCpuStop - fxCpuStart);
    }

    @Override
    public String toString() {
        return String.format("%d ms window: %d pulses, max pulse gap %d ms, max FX blocking %d ms; %d run-later probes, max delay %d ms;"
                        + " FX thread CPU %d ms; system load %.2f",
                windowMs(), pulses(), maxPulseGapMs(), maxBlockingMs(), probesRun(), maxRunLaterDelayMs(), fxCpuMs(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
