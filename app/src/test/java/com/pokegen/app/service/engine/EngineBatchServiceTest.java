package com.pokegen.app.service.engine;

import com.pokegen.app.service.BatchOrder;
import com.pokegen.app.service.BatchSummary;
import com.pokegen.app.service.ProgressMonitor;
import com.pokegen.engine.batch.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The studio's batch button over the engine's BatchJob with a tiny student. */
class EngineBatchServiceTest {

    @TempDir
    Path temp;

    @Test
    void drawsEverySeedIntoTheFolderWithManifestAndGalleryAndReportsProgress() throws IOException {
        Path student = EngineGenerationServiceTest.writeTinyStudent(temp.resolve("student"));
        EngineBatchService batches = new EngineBatchService(new ModelFolders(student, temp.resolve("teacher")));
        List<Long> progress = new CopyOnWriteArrayList<>();
        ProgressMonitor monitor = new ProgressMonitor() {
            @Override
            public void progress(long done, long total, String message) {
                if (total > 0) {
                    progress.add(done);
                }
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
        Path out = temp.resolve("batch");
        BatchSummary summary = batches.run(new BatchOrder(List.of("a red fire pokemon"), 40, 3, null, out), monitor);

        assertEquals(3, summary.images());
        assertEquals(3, summary.rendered());
        assertTrue(Files.isRegularFile(summary.gallery()), "the HTML gallery is written");
        List<String> rows = Files.readAllLines(out.resolve(Manifest.FILE));
        assertEquals(3, rows.size());
        for (long seed = 40; seed < 43; seed++) {
            long s = seed;
            assertTrue(rows.stream().anyMatch(r -> r.contains("\"seed\":" + s + ",")), "seed " + s + " in " + rows);
        }
        assertEquals(3, progress.size(), "one progress report per image");

        BatchSummary again = batches.run(new BatchOrder(List.of("a red fire pokemon"), 40, 3, null, out), ProgressMonitor.NONE);
        assertEquals(0, again.rendered(), "a rerun skips what the folder holds");
    }

    @Test
    void aCancelledMonitorStopsTheRunAndAMissingStudentSaysSo() throws IOException {
        Path student = EngineGenerationServiceTest.writeTinyStudent(temp.resolve("student"));
        EngineBatchService batches = new EngineBatchService(new ModelFolders(student, temp.resolve("teacher")));
        ProgressMonitor cancelled = new ProgressMonitor() {
            @Override
            public void progress(long done, long total, String message) {
            }

            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        assertThrows(CancellationException.class, () -> batches.run(
                new BatchOrder(List.of("a pokemon"), 0, 4, null, temp.resolve("cancelled")), cancelled));

        EngineBatchService missing = new EngineBatchService(new ModelFolders(temp.resolve("none"), temp.resolve("none")));
        IOException error = assertThrows(IOException.class, () -> missing.run(
                new BatchOrder(List.of("a pokemon"), 0, 1, null, temp.resolve("never")), ProgressMonitor.NONE));
        assertTrue(error.getMessage().startsWith("No student model: "), error.getMessage());
    }
}
