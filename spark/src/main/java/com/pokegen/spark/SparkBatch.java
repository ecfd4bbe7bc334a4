package com.pokegen.spark;

import com.pokegen.engine.batch.BatchResult;
import com.pokegen.engine.batch.BatchSpec;
import com.pokegen.engine.batch.PromptTemplates;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point of the Spark application: the options of {@code pokegen batch}, plus the master
 * ({@code local[*]} unless spark-submit sets one). Example on a cluster:
 * {@code spark-submit --class com.pokegen.spark.SparkBatch pokegen-spark.jar --model /shared/m --prompts p.txt --out /shared/b}.
 */
@Command(name = "pokegen-spark", mixinStandardHelpOptions = true,
        description = "pokegen batch as a Spark application (same files, manifest and gallery).")
public final class SparkBatch implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "model folder, at this path on every executor")
    private Path model;

    @Option(names = "--prompts", required = true, description = "prompts or template file")
    private Path prompts;

    @Option(names = "--seeds", defaultValue = "100", description = "images per prompt (default: ${DEFAULT-VALUE})")
    private int seeds;

    @Option(names = "--first-seed", defaultValue = "0", description = "the first seed (default: ${DEFAULT-VALUE})")
    private long firstSeed;

    @Option(names = "--steps", description = "denoising steps (default: the model's)")
    private Integer steps;

    @Option(names = "--batch-size", defaultValue = "8", description = "images per task and wave (default: ${DEFAULT-VALUE})")
    private int batchSize;

    @Option(names = "--out", required = true, description = "batch folder shared by all executors")
    private Path out;

    @Option(names = "--master", description = "Spark master when not set by spark-submit (default: local[*])")
    private String master;

    @Override
    public Integer call() throws Exception {
        BatchSpec spec = new BatchSpec(PromptTemplates.read(prompts), seeds, firstSeed, steps, batchSize, 1, out);
        SparkConf conf = new SparkConf().setAppName("pokegen batch");
        if (master != null) {
            conf.setMaster(master);
        } else {
            conf.setIfMissing("spark.master", "local[*]"); // spark-submit's --master wins
        }
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            BatchResult r = SparkBatchJob.run(sc, model, spec, (done, total, nanos) -> { });
            System.out.printf("%d images (%d rendered, %d already there) in %s, %.2f images/s; gallery: %s%n",
                    r.images(), r.rendered(), r.skipped(), out, r.imagesPerSecond(), r.gallery());
            return 0;
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SparkBatch()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("error: " + e.getMessage());
            return 2;
        }).execute(args));
    }
}
