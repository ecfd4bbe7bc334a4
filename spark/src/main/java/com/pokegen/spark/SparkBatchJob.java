package com.pokegen.spark;

import com.pokegen.engine.batch.BatchFolder;
import com.pokegen.engine.batch.BatchItem;
import com.pokegen.engine.batch.BatchListener;
import com.pokegen.engine.batch.BatchResult;
import com.pokegen.engine.batch.BatchSpec;
import com.pokegen.engine.batch.Curation;
import com.pokegen.engine.batch.ManifestRow;
import com.pokegen.engine.batch.ModelHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code pokegen batch} as a Spark application: the (prompt, seed) rows the manifest lacks are
 * parallelized in waves of {@code batchSize × parallelism}; each task renders its partition with
 * the executor's one loaded model ({@link ExecutorModels}) and writes the PNGs to the shared
 * output folder; the rows come back to the driver, which appends them to {@code manifest.jsonl}
 * after each wave (so a killed job loses at most one wave) and finally curates and writes the
 * gallery. Rendering is {@link com.pokegen.engine.batch.ImageRenderer}'s, so the PNGs and rows are
 * byte-identical to the single-process {@link com.pokegen.engine.batch.BatchJob}'s.
 */
public final class SparkBatchJob {

    private SparkBatchJob() {}

    /**
     * @param modelDir the model folder, readable at the same path on every executor
     * @param spec as for the single-process job; {@code out} must be shared by all executors
     */
    public static BatchResult run(JavaSparkContext sc, Path modelDir, BatchSpec spec, BatchListener listener)
            throws IOException {
        String hash = ModelHash.of(modelDir);
        String model = modelDir.toAbsolutePath().normalize().toString();
        String out = spec.out().toAbsolutePath().normalize().toString();
        // resolving the steps needs the model's scheduler; in local mode the driver is the executor
        int steps = ExecutorModels.renderer(model, hash).resolveSteps(spec.steps());
        List<BatchItem> items = spec.items(steps);
        try (BatchFolder folder = BatchFolder.open(spec.out(), hash)) {
            List<BatchItem> todo = folder.todo(items);
            int parallelism = sc.defaultParallelism();
            int wave = spec.batchSize() * parallelism;
            long start = System.nanoTime();
            int done = 0;
            for (int from = 0; from < todo.size(); from += wave) {
                List<BatchItem> rows = todo.subList(from, Math.min(todo.size(), from + wave));
                List<ManifestRow> rendered = sc.parallelize(new ArrayList<>(rows), Math.min(parallelism, rows.size()))
                        .mapPartitions(part -> render(part, model, hash, out)).collect();
                for (ManifestRow r : sorted(rendered)) {
                    folder.manifest().append(r);
                    listener.onImage(++done, todo.size(), System.nanoTime() - start);
                }
            }
            long nanos = System.nanoTime() - start;
            Curation curation = folder.finish();
            return new BatchResult(items.size(), todo.size(), items.size() - todo.size(), nanos, curation, folder.gallery());
        }
    }

    // runs on an executor: a task's partition, rendered one image at a time
    private static Iterator<ManifestRow> render(Iterator<BatchItem> part, String model, String hash, String out) {
        List<ManifestRow> rows = new ArrayList<>();
        Path dir = Path.of(out);
        while (part.hasNext()) {
            try {
                rows.add(ExecutorModels.renderer(model, hash).render(part.next(), dir));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return rows.iterator();
    }

    private static List<ManifestRow> sorted(List<ManifestRow> rows) {
        List<ManifestRow> out = new ArrayList<>(rows);
        out.sort(Comparator.comparing(ManifestRow::prompt).thenComparingLong(ManifestRow::seed));
        return out;
    }
}
