package com.pokegen.engine.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single-process batch on the shipped student at 1 step (2 prompts × 4 seeds): bytes that do
 * not depend on batch size, lanes or how the seeds are split over runs; a manifest of complete
 * files; resume after a cancelled run or a torn manifest line; a folder bound to its model.
 */
class BatchJobTest {

    private static final List<String> PROMPTS = List.of("a red fire type pokemon", "a small blue water type pokemon");

    @TempDir
    static Path shared;

    private static BatchJob job;
    private static Path reference;

    @TempDir
    Path tmp;

    @BeforeAll
    static void renderReference() throws IOException {
        job = BatchJob.open(BatchFolders.STUDENT);
        reference = shared.resolve("reference");
        BatchResult r = job.run(spec(reference).withBatchSize(1).withThreads(1), BatchListener.NONE, () -> false);
        assertEquals(8, r.rendered());
    }

    @AfterAll
    static void close() {
        job.close();
    }

    private static BatchSpec spec(Path out) {
        return new BatchSpec(PROMPTS, 4, 0, 1, 8, 2, out);
    }

    @Test
    void bytesDoNotDependOnBatchSizeLanesOrSplit() throws IOException {
        Path wide = tmp.resolve("wide");
        job.run(spec(wide).withBatchSize(8).withThreads(2), BatchListener.NONE, () -> false);
        Path split = tmp.resolve("split");
        job.run(spec(split).withSeeds(1).withBatchSize(3), BatchListener.NONE, () -> false);
        BatchResult rest = job.run(spec(split).withBatchSize(5), BatchListener.NONE, () -> false);

        assertEquals(6, rest.rendered());
        assertEquals(2, rest.skipped());
        BatchFolders.Snapshot expected = BatchFolders.snapshot(reference);
        assertEquals(8, expected.images().size());
        assertEquals(expected, BatchFolders.snapshot(wide));
        assertEquals(expected, BatchFolders.snapshot(split));
    }

    @Test
    void manifestRowsNameCompleteFilesOfThisModel() throws IOException {
        List<ManifestRow> rows = List.copyOf(Manifest.read(reference.resolve(Manifest.FILE)).values());
        assertEquals(8, rows.size());
        String model = ModelHash.of(BatchFolders.STUDENT);
        for (ManifestRow r : rows) {
            byte[] png = Files.readAllBytes(reference.resolve(r.file()));
            assertEquals(ImageRenderer.sha256(png), r.sha256());
            assertEquals(model, r.model());
            assertEquals(1, r.steps());
            assertEquals(r.item().file(), r.file());
            BufferedImage image = ImageIO.read(reference.resolve(r.file()).toFile());
            assertEquals(64, image.getWidth());
        }
        assertEquals(List.of(0L, 1L, 2L, 3L), rows.stream().filter(r -> r.prompt().equals(PROMPTS.get(1)))
                .map(ManifestRow::seed).sorted().toList());
        assertTrue(Files.isRegularFile(reference.resolve(BatchFolder.CURATION)));
    }

    @Test
    void cancelledRunResumesToTheSameFiles() throws IOException {
        Path out = tmp.resolve("cancelled");
        AtomicInteger seen = new AtomicInteger();
        assertThrows(CancellationException.class, () -> job.run(spec(out).withBatchSize(2).withThreads(1),
                (done, total, nanos) -> seen.set(done), () -> seen.get() >= 3));
        assertEquals(4, Files.readAllLines(out.resolve(Manifest.FILE)).size()); // two batches of two

        BatchResult resumed = job.run(spec(out), BatchListener.NONE, () -> false);
        assertEquals(4, resumed.rendered());
        assertEquals(BatchFolders.snapshot(reference), BatchFolders.snapshot(out));
    }

    @Test
    void rerunSkipsWhatTheManifestHoldsAndRepairsATornLastLine() throws IOException {
        Path out = tmp.resolve("torn");
        job.run(spec(out), BatchListener.NONE, () -> false);
        List<String> lines = Files.readAllLines(out.resolve(Manifest.FILE));
        String lost = lines.get(lines.size() - 1);
        // a kill while appending the last row: its line is cut short, its PNG may stay behind
        Files.writeString(out.resolve(Manifest.FILE), String.join("\n", lines.subList(0, lines.size() - 1)) + "\n"
                + lost.substring(0, lost.length() / 2));
        Files.writeString(out.resolve(BatchItem.IMAGES).resolve("x.png.tmp-0123456789abcdef"), "partial");

        BatchResult again = job.run(spec(out), BatchListener.NONE, () -> false);
        assertEquals(1, again.rendered());
        assertEquals(7, again.skipped());
        assertEquals(BatchFolders.snapshot(reference), BatchFolders.snapshot(out));
        assertEquals(0, job.run(spec(out), BatchListener.NONE, () -> false).rendered());
    }

    @Test
    void folderHoldingAnotherModelsBatchIsRefused() throws IOException {
        Path out = tmp.resolve("other");
        Files.createDirectories(out);
        ManifestRow foreign = new ManifestRow("a pokemon", 0, 1, "sha256:0123456789abcdef", "images/x.png", "00", "0", "", List.of());
        Files.writeString(out.resolve(Manifest.FILE), foreign.toJson() + "\n", StandardOpenOption.CREATE);
        IOException e = assertThrows(IOException.class, () -> job.run(spec(out), BatchListener.NONE, () -> false));
        assertEquals(out + " already holds a batch of another model (sha256:0123456789abcdef, this one is "
                + job.modelHash() + "); choose another --out folder, or the model that made it", e.getMessage());
    }

    @Test
    void galleryLinksEveryImage() throws IOException {
        String all = Files.readString(reference.resolve("gallery/all-1.html"));
        for (ManifestRow r : Manifest.read(reference.resolve(Manifest.FILE)).values()) {
            assertTrue(all.contains("<img src=\"../" + r.file() + "\""), r.file());
        }
        String index = Files.readString(reference.resolve(Gallery.INDEX));
        assertTrue(index.contains("8 images, 2 prompts"), index);
        assertTrue(Files.readString(reference.resolve("gallery/prompt-001-1.html")).contains(PROMPTS.get(0)));
    }
}
