package com.pokegen.engine.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pokegen.engine.cli.PokegenCli;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Done-when 1 of the mass-generation issue: 200 images (2 prompts × 100 seeds, 1 step) on the
 * shipped student. A run killed with SIGKILL mid-batch and restarted ends with the same files,
 * hashes and manifest rows as an uninterrupted run, and headless Chromium shows every image of
 * the gallery: each PNG's exact pixels are found in the screenshot of its page.
 */
@Tag("slow")
class Batch200SlowTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final int KILL_AFTER = 40;

    @TempDir
    static Path shared;

    private static Path prompts;
    private static Path uninterrupted;

    @TempDir
    Path tmp;

    @BeforeAll
    static void renderUninterrupted() throws IOException {
        prompts = Files.writeString(shared.resolve("prompts.txt"),
                "{colour} = red | blue\na {colour} pokemon with wings\n");
        uninterrupted = shared.resolve("uninterrupted");
        try (BatchJob job = BatchJob.open(BatchFolders.STUDENT)) {
            BatchResult r = job.run(spec(uninterrupted), BatchListener.NONE, () -> false);
            System.out.printf("Batch200SlowTest: 200 images in %.1f s (%.2f images/s)%n", r.renderNanos() / 1e9,
                    r.imagesPerSecond());
        }
    }

    private static BatchSpec spec(Path out) throws IOException {
        return new BatchSpec(PromptTemplates.read(prompts), 100, 0, 1, 8, 2, out);
    }

    @Test
    void killedAndRestartedRunEndsWithTheSameFilesAndHashes() throws Exception {
        Path out = tmp.resolve("killed");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Dai.djl.offline=true", "-Dai.djl.default_engine=PyTorch", "-cp",
                System.getProperty("java.class.path"), PokegenCli.class.getName(), "batch", "--model",
                BatchFolders.STUDENT.toString(), "--prompts", prompts.toString(), "--steps", "1", "--threads", "2",
                "--out", out.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(tmp.resolve("child.err").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (rows(out) < KILL_AFTER) {
            assertTrue(child.isAlive(), "the child exited early: " + Files.readString(tmp.resolve("child.err")));
            assertTrue(System.nanoTime() < deadline, "the child rendered too slowly");
            Thread.sleep(50);
        }
        child.destroyForcibly().waitFor(); // SIGKILL: no shutdown hooks, lanes stop mid-image
        int before = rows(out);
        assertTrue(before < 200, "killed too late: " + before + " rows");

        try (BatchJob job = BatchJob.open(BatchFolders.STUDENT)) {
            BatchResult resumed = job.run(spec(out), BatchListener.NONE, () -> false);
            assertEquals(200, resumed.images());
            assertTrue(resumed.skipped() >= before - 1, resumed + " after " + before); // the last line may be torn
        }
        BatchFolders.Snapshot expected = BatchFolders.snapshot(uninterrupted);
        assertEquals(200, expected.images().size());
        assertEquals(200, expected.manifest().size());
        assertEquals(expected, BatchFolders.snapshot(out));
    }

    private static int rows(Path out) throws IOException {
        Path m = out.resolve(Manifest.FILE);
        return Files.exists(m) ? (int) Files.readString(m).chars().filter(c -> c == '\n').count() : 0;
    }

    @Test
    void galleryShowsEveryImageInHeadlessChromium() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM + " (apt-get install chromium)");
        List<String> shown = new ArrayList<>();
        for (int page = 1; page <= 2; page++) {
            Path html = uninterrupted.resolve(Gallery.DIR).resolve("all-" + page + ".html");
            List<String> sources = imageSources(chromium(html, "--dump-dom"));
            assertEquals(Gallery.PAGE, sources.size());
            Path shot = tmp.resolve("shot-" + page + ".png");
            chromium(html, "--screenshot=" + shot, "--window-size=1280,2600", "--force-color-profile=srgb",
                    "--hide-scrollbars");
            BufferedImage screen = ImageIO.read(shot.toFile());
            for (String src : sources) {
                BufferedImage thumb = ImageIO.read(html.getParent().resolve(src).toFile());
                assertTrue(ScreenSearch.contains(screen, thumb), src + " is not visible on " + html.getFileName());
                shown.add(src);
            }
        }
        assertEquals(200, shown.stream().distinct().count());
    }

    private static List<String> imageSources(String dom) {
        Matcher img = Pattern.compile("<img src=\"([^\"]*)\"").matcher(dom);
        List<String> out = new ArrayList<>();
        while (img.find()) {
            out.add(img.group(1));
        }
        return out;
    }

    /** Runs headless Chromium on a page; returns its stdout (the DOM for --dump-dom). */
    private String chromium(Path html, String... extra) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--allow-file-access-from-files", "--user-data-dir=" + tmp.resolve("profile")));
        cmd.addAll(List.of(extra));
        cmd.add(html.toUri().toString());
        Path out = tmp.resolve("chromium.out");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(tmp.resolve("chromium.err").toFile())
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s: " + Files.readString(tmp.resolve("chromium.err")));
        }
        assertEquals(0, p.exitValue(), "chromium failed: " + Files.readString(tmp.resolve("chromium.err")));
        return Files.readString(out);
    }

}
