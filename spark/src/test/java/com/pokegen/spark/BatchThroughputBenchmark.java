package com.pokegen.spark;

import com.pokegen.engine.batch.BatchJob;
import com.pokegen.engine.batch.BatchListener;
import com.pokegen.engine.batch.BatchResult;
import com.pokegen.engine.batch.BatchSpec;
import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Done-when 3: images/s of the shipped student (1 step, 2 prompts × 16 seeds per case) for batch
 * sizes 1, 8 and 32, single process (2 lanes) and Spark local[2], side by side. Prints, never
 * asserts. Run: {@code ./mvnw -B -Pspark,bench -pl spark test -Dtest=BatchThroughputBenchmark}.
 */
@Tag("bench")
class BatchThroughputBenchmark {

    private static final int[] BATCH_SIZES = {1, 8, 32};
    private static final int SEEDS = 16;

    @TempDir
    Path tmp;

    @Test
    void singleProcessVersusSparkLocalTwo() throws Exception {
        BatchSpec base = new BatchSpec(SparkBatchTest.PROMPTS, SEEDS, 0, 1, 1, 2, tmp.resolve("warm-up"));
        double[] single = new double[BATCH_SIZES.length];
        double[] spark = new double[BATCH_SIZES.length];
        try (BatchJob job = BatchJob.open(SparkBatchTest.STUDENT)) {
            job.run(base.withSeeds(2), BatchListener.NONE, () -> false);
            for (int i = 0; i < BATCH_SIZES.length; i++) {
                BatchResult r = job.run(base.withBatchSize(BATCH_SIZES[i]).withOut(tmp.resolve("single-" + i)),
                        BatchListener.NONE, () -> false);
                single[i] = r.imagesPerSecond();
            }
        }
        try (JavaSparkContext sc = SparkBatchTest.localContext(2)) {
            SparkBatchJob.run(sc, SparkBatchTest.STUDENT, base.withSeeds(2).withOut(tmp.resolve("spark-warm-up")),
                    BatchListener.NONE);
            for (int i = 0; i < BATCH_SIZES.length; i++) {
                spark[i] = SparkBatchJob.run(sc, SparkBatchTest.STUDENT, base.withBatchSize(BATCH_SIZES[i])
                        .withOut(tmp.resolve("spark-" + i)), BatchListener.NONE).imagesPerSecond();
            }
        }
        System.out.printf("%nBatchThroughputBenchmark: shipped student, 1 step, %d images per case, %d cores,"
                + " load average %.1f%n  batch   single process (2 lanes)   Spark local[2]%n", 2 * SEEDS,
                Runtime.getRuntime().availableProcessors(), java.lang.management.ManagementFactory
                        .getOperatingSystemMXBean().getSystemLoadAverage());
        for (int i = 0; i < BATCH_SIZES.length; i++) {
            System.out.printf("  %5d   %14.2f images/s   %8.2f images/s%n", BATCH_SIZES[i], single[i], spark[i]);
        }
    }
}
