package com.pokegen.engine.batch;

import com.pokegen.engine.pipeline.DiffusionPipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * {@code pokegen batch} in one process: every prompt × seed of a {@link BatchSpec} not yet in the
 * folder's manifest is rendered by {@link ImageRenderer} on parallel lanes, {@code batchSize}
 * images in flight at a time; each image's row is appended as soon as its PNG is on disk, so a
 * kill loses at most the images in flight. Then the whole manifest is curated and the gallery
 * written. The model is loaded once and may serve several runs.
 */
public final class BatchJob implements AutoCloseable {

    private final DiffusionPipeline pipeline;
    private final ImageRenderer renderer;
    private final String modelHash;

    private BatchJob(DiffusionPipeline pipeline, String modelHash) {
        this.pipeline = pipeline;
        this.renderer = new ImageRenderer(pipeline, modelHash);
        this.modelHash = modelHash;
    }

    /** Hashes and loads the model folder. */
    public static BatchJob open(Path modelDir) throws IOException {
        return open(modelDir, ModelHash.of(modelDir));
    }

    /** Loads the model folder whose {@link ModelHash} is already known. */
    public static BatchJob open(Path modelDir, String modelHash) throws IOException {
        return new BatchJob(DiffusionPipeline.load(modelDir), modelHash);
    }

    public String modelHash() {
        return modelHash;
    }

    /** The spec's items with its steps resolved against the model (throws for invalid steps). */
    public List<BatchItem> items(BatchSpec spec) {
        return spec.items(renderer.resolveSteps(spec.steps()));
    }

    /**
     * Renders what the manifest lacks, then curates and writes the gallery.
     *
     * @throws IOException when the folder cannot be written or holds another model's batch
     * @throws CancellationException when {@code cancelled} turns true (rows written so far stay)
     */
    public BatchResult run(BatchSpec spec, BatchListener listener, BooleanSupplier cancelled) throws IOException {
        List<BatchItem> items = items(spec);
        try (BatchFolder folder = BatchFolder.open(spec.out(), modelHash)) {
            List<BatchItem> todo = folder.todo(items);
            long start = System.nanoTime();
            render(todo, folder, spec, listener, cancelled);
            long nanos = System.nanoTime() - start;
            Curation curation = folder.finish();
            return new BatchResult(items.size(), todo.size(), items.size() - todo.size(), nanos, curation, folder.gallery());
        }
    }

    private void render(List<BatchItem> todo, BatchFolder folder, BatchSpec spec, BatchListener listener,
            BooleanSupplier cancelled) throws IOException {
        ExecutorService lanes = Executors.newFixedThreadPool(Math.min(spec.threads(), spec.batchSize()), r -> {
            Thread t = new Thread(r, "batch-lane");
            t.setDaemon(true);
            return t;
        });
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        try {
            for (int from = 0; from < todo.size(); from += spec.batchSize()) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("batch cancelled after " + done.get() + " of " + todo.size() + " images");
                }
                List<Future<?>> inFlight = new ArrayList<>();
                for (BatchItem item : todo.subList(from, Math.min(todo.size(), from + spec.batchSize()))) {
                    inFlight.add(lanes.submit(() -> {
                        folder.manifest().append(renderer.render(item, folder.dir()));
                        synchronized (listener) {
                            listener.onImage(done.incrementAndGet(), todo.size(), System.nanoTime() - start);
                        }
                        return null;
                    }));
                }
                join(inFlight);
            }
        } finally {
            lanes.shutdownNow();
            awaitQuietly(lanes);
        }
    }

    private static void join(List<Future<?>> futures) throws IOException {
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted");
            } catch (ExecutionException e) {
                throw rethrow(e.getCause());
            }
        }
    }

    private static IOException rethrow(Throwable cause) {
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof UncheckedIOException u) {
            return u.getCause();
        }
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new IOException(cause);
    }

    // lanes finish the image they are on (its PNG and row stay consistent) before the folder closes
    private static void awaitQuietly(ExecutorService lanes) {
        try {
            lanes.awaitTermination(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        pipeline.close();
    }
}
