package com.pokegen.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pokegen.engine.batch.BatchJob;
import com.pokegen.engine.batch.BatchListener;
import com.pokegen.engine.batch.BatchResult;
import com.pokegen.engine.batch.BatchSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Done-when 2: Spark local[2] writes byte-identical PNGs and the same manifest rows as the single-process batch. */
class SparkBatchTest {

    static final Path STUDENT = Path.of("../models/pokemon-tiny-student");
    static final List<String> PROMPTS = List.of("a red fire type pokemon", "a small blue water type pokemon");

    @TempDir
    Path tmp;

    @Test
    void localTwoMatchesSingleProcessByteForByte() throws IOException {
        BatchSpec spec = new BatchSpec(PROMPTS, 6, 0, 1, 2, 2, tmp.resolve("single"));
        try (BatchJob job = BatchJob.open(STUDENT)) {
            job.run(spec, BatchListener.NONE, () -> false);
        }
        BatchResult spark;
        try (JavaSparkContext sc = localContext(2)) {
            spark = SparkBatchJob.run(sc, STUDENT, spec.withOut(tmp.resolve("spark")).withBatchSize(3), BatchListener.NONE);
        }
        assertEquals(12, spark.rendered());
        Map<String, byte[]> single = pngs(tmp.resolve("single"));
        Map<String, byte[]> distributed = pngs(tmp.resolve("spark"));
        assertEquals(single.keySet(), distributed.keySet());
        single.forEach((name, bytes) -> assertTrue(java.util.Arrays.equals(bytes, distributed.get(name)), name));
        assertEquals(sortedLines(tmp.resolve("single/manifest.jsonl")), sortedLines(tmp.resolve("spark/manifest.jsonl")));
        assertTrue(Files.isRegularFile(tmp.resolve("spark/gallery/index.html")));
    }

    static JavaSparkContext localContext(int threads) {
        return new JavaSparkContext(new SparkConf().setMaster("local[" + threads + "]").setAppName("pokegen-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1"));
    }

    private static Map<String, byte[]> pngs(Path batch) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(batch.resolve("images"))) {
            for (Path f : s.toList()) {
                out.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        assertEquals(12, out.size());
        return out;
    }

    private static List<String> sortedLines(Path f) throws IOException {
        return Files.readAllLines(f).stream().sorted().toList();
    }
}
