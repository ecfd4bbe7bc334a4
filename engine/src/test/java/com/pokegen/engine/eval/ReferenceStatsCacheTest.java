package com.pokegen.engine.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceStatsCacheTest {

    @TempDir
    Path dir;

    @Test
    void saveLoadRoundTripIsExact() throws IOException {
        FeatureStats s = FeatureStats.of(FrechetDistanceTest.gaussian(new Random(1), 30, 5, 2), "ex", "pil-bicubic")
                .withDatasetVersion("pack-v3");
        Path f = dir.resolve("s.safetensors");
        FeatureStatsFile.save(s, f);
        FeatureStats back = FeatureStatsFile.load(f);
        assertEquals(s, back);
        assertArrayEquals(s.covariance(), back.covariance(), 0);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void computesOncePerDatasetVersionAndExtractor() throws IOException {
        AtomicInteger computed = new AtomicInteger();
        ReferenceStatsCache.StatsComputation compute = () -> {
            computed.incrementAndGet();
            return FeatureStats.of(FrechetDistanceTest.gaussian(new Random(2), 20, 3, 1), "ex", "none");
        };
        FeatureStats first = new ReferenceStatsCache(dir).getOrCompute("v1", "ex", "none", compute);
        FeatureStats again = new ReferenceStatsCache(dir).getOrCompute("v1", "ex", "none", compute);
        assertEquals(1, computed.get());
        assertEquals(first, again);
        assertEquals("v1", again.datasetVersion());
        new ReferenceStatsCache(dir).getOrCompute("v2", "ex", "none", compute);
        assertEquals(2, computed.get(), "a new dataset version recomputes");
        ReferenceStatsCache.StatsComputation other = () -> {
            computed.incrementAndGet();
            return FeatureStats.of(FrechetDistanceTest.gaussian(new Random(2), 20, 3, 1), "ex2", "none");
        };
        new ReferenceStatsCache(dir).getOrCompute("v1", "ex2", "none", other);
        assertEquals(3, computed.get(), "another extractor recomputes");
    }

    @Test
    void rejectsComputationForAnotherExtractorAndForeignFiles() throws IOException {
        ReferenceStatsCache cache = new ReferenceStatsCache(dir);
        assertThrows(IllegalStateException.class, () -> cache.getOrCompute("v1", "ex", "none",
                () -> FeatureStats.of(new double[][] {{1}, {2}}, "other", "none")));
        Path f = cache.fileFor("v1", "ex", "none");
        FeatureStatsFile.save(FeatureStats.of(new double[][] {{1}, {2}}, "other", "none"), f);
        IOException e = assertThrows(IOException.class, () -> cache.getOrCompute("v1", "ex", "none",
                () -> FeatureStats.of(new double[][] {{1}, {2}}, "ex", "none")));
        assertTrue(e.getMessage().contains("delete the file"), e.getMessage());
        Files.writeString(f, "garbage");
        assertThrows(IOException.class, () -> FeatureStatsFile.load(f));
    }
}
