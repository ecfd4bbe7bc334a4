package com.pokegen.engine.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Done-when of the evaluation issue: the report HTML opens in headless Chromium (Debian package
 * {@code chromium}) and shows its images. Each sample is a disc of its own colour; the screenshot
 * must contain every one of those colours, so an image that failed to load (or was blocked by the
 * page's Content-Security-Policy) fails the test. Skipped when {@code /usr/bin/chromium} is missing.
 * With {@code -Dpokegen.reportShot=FILE} the screenshot is also copied to FILE (docs/eval-report.png).
 */
@Tag("slow")
class ReportHtmlChromiumTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final int[] COLOURS = {0xe6194b, 0x3cb44b, 0xffe119, 0x4363d8, 0xf58231, 0x911eb4, 0x46f0f0, 0xf032e6};

    @TempDir
    Path dir;

    @Test
    void reportRendersWithEveryImageInHeadlessChromium() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM + " (apt-get install chromium)");
        List<String> teacher = new ArrayList<>();
        List<String> student = new ArrayList<>();
        for (int i = 0; i < COLOURS.length; i++) {
            (i < COLOURS.length / 2 ? teacher : student).add(ReportHtml.dataUri(disc(COLOURS[i])));
        }
        EvalReport sample = ReportHtmlTest.sample(List.of());
        EvalReport report = new EvalReport("Tiny teacher vs student", sample.runId(), sample.createdAt(), sample.datasetVersion(),
                sample.settings(), sample.metrics(),
                List.of(new EvalReport.PromptSheet("a red fire type pokemon, small",
                        List.of(new EvalReport.SheetRow("teacher, 50 steps", teacher),
                                new EvalReport.SheetRow("student, 1 step", student)))),
                sample.speed(), List.of());
        Path html = dir.resolve("report/report.html");
        ReportHtml.write(report, html);

        Path shot = dir.resolve("shot.png");
        chromium(html, "--screenshot=" + shot, "--window-size=1000,1400");
        assertTrue(Files.size(shot) > 0, "no screenshot written");
        BufferedImage png = ImageIO.read(shot.toFile());
        int[] hits = new int[COLOURS.length];
        Set<Integer> distinct = new HashSet<>();
        for (int y = 0; y < png.getHeight(); y++) {
            for (int x = 0; x < png.getWidth(); x++) {
                int rgb = png.getRGB(x, y) & 0xffffff;
                distinct.add(rgb);
                for (int c = 0; c < COLOURS.length; c++) {
                    hits[c] += close(rgb, COLOURS[c]) ? 1 : 0;
                }
            }
        }
        System.out.printf("chromium screenshot %dx%d, %d distinct colours, pixels per sample colour %s%n", png.getWidth(),
                png.getHeight(), distinct.size(), java.util.Arrays.toString(hits));
        for (int c = 0; c < COLOURS.length; c++) {
            // a disc of radius 40 % shown at 96×96 CSS px covers ~0.5 · 96² ≈ 4600 px; allow for scaling
            assertTrue(hits[c] > 1500, String.format("sample colour #%06x barely visible (%d px)", COLOURS[c], hits[c]));
        }
        assertTrue(distinct.size() > 50, "page looks blank: " + distinct.size() + " colours");
        String reportShot = System.getProperty("pokegen.reportShot");
        if (reportShot != null && !reportShot.isBlank()) {
            Files.copy(shot, Path.of(reportShot), StandardCopyOption.REPLACE_EXISTING);
        }

        // the DOM Chromium built: all eight images are there, each with an inline PNG source
        Matcher img = Pattern.compile("<img [^>]*src=\"([^\"]*)\"").matcher(chromium(html, "--dump-dom"));
        int images = 0;
        while (img.find()) {
            assertTrue(img.group(1).startsWith("data:image/png;base64,"), img.group(1));
            images++;
        }
        assertEquals(COLOURS.length, images);
    }

    /** Runs headless Chromium on the report; returns its stdout (the DOM for --dump-dom). */
    private String chromium(Path html, String... extra) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + dir.resolve("profile")));
        cmd.addAll(List.of(extra));
        cmd.add(html.toUri().toString());
        Path out = dir.resolve("chromium.out");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(dir.resolve("chromium.err").toFile())
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s: " + Files.readString(dir.resolve("chromium.err")));
        }
        assertEquals(0, p.exitValue(), "chromium failed: " + Files.readString(dir.resolve("chromium.err")));
        return Files.readString(out);
    }

    private static BufferedImage disc(int rgb) {
        BufferedImage im = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = im.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 32, 32);
        g.setColor(new Color(rgb));
        g.fillOval(3, 3, 26, 26);
        g.dispose();
        return im;
    }

    private static boolean close(int a, int b) {
        return Math.abs((a >> 16 & 255) - (b >> 16 & 255)) <= 6 && Math.abs((a >> 8 & 255) - (b >> 8 & 255)) <= 6
                && Math.abs((a & 255) - (b & 255)) <= 6;
    }
}
