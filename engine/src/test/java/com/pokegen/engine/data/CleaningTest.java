package com.pokegen.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pokegen.engine.data.image.PerceptualHash;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Done-when 2: cleaning finds every planted defect with the right reason and never touches the source. */
class CleaningTest {

    @TempDir
    Path tmp;

    private Path source;
    private Path outside;
    private final Map<String, CleaningReason> planted = new TreeMap<>();

    @BeforeEach
    void plantDefects() throws IOException {
        source = Files.createDirectories(tmp.resolve("source"));
        outside = Files.createDirectories(tmp.resolve("elsewhere"));
        BufferedImage one = TestImages.shapes(11, 128, 128);
        BufferedImage two = TestImages.shapes(12, 128, 128);
        byte[] onePng = TestImages.encode(one, "png");
        byte[] threeJpeg = TestImages.jpeg(TestImages.shapes(13, 128, 128), 0.9f);
        write("ok1.png", onePng);
        write("ok2.png", TestImages.encode(two, "png"));
        write("ok3.jpg", threeJpeg);
        write("ok4.png", TestImages.encode(TestImages.shapes(14, 128, 128), "png"));
        write("ok5.png", TestImages.encode(TestImages.shapes(15, 128, 128), "png"));
        write("ok6.png", TestImages.encode(TestImages.shapes(16, 128, 128), "png"));
        write("corrupt.png", "this is a text file, not a picture".getBytes(StandardCharsets.UTF_8));
        write("truncated.jpg", Arrays.copyOf(threeJpeg, threeJpeg.length / 2));
        write("ok1_copy.png", onePng);
        write("ok2_near.jpg", TestImages.jpeg(two, 0.85f));
        write("ok2_gray.png", TestImages.encode(TestImages.sameLuminanceGray(two), "png"));
        write("rgba.png", TestImages.encode(TestImages.halfTransparent(17, 128, 128), "png"));
        write("tiny.png", TestImages.encode(TestImages.shapes(18, 16, 16), "png"));
        write("wide.png", TestImages.encode(TestImages.shapes(19, 400, 100), "png"));
        write("bomb.png", TestImages.pngBomb(8000));
        write("unlisted.png", TestImages.encode(TestImages.shapes(20, 128, 128), "png"));
        Files.write(outside.resolve("secret.png"), onePng);
        Files.createSymbolicLink(source.resolve("link.png"), outside.resolve("secret.png"));

        ByteArrayOutputStream meta = new ByteArrayOutputStream();
        line(meta, "ok1.png", "a pokemon");
        line(meta, "ok2.png", "a green pokemon");
        line(meta, "ok3.jpg", "  A  arafed Pikachu pikachu   sitting on a a rock  ");
        line(meta, "ok4.png", "   ");
        meta.write("{\"file_name\": \"ok5.png\"}\n".getBytes(StandardCharsets.UTF_8));
        line(meta, "ok6.png", "a blue pokemon");
        meta.write("{\"file_name\": \"ok6.png\", \"text\": \"bad \u0000".getBytes(StandardCharsets.UTF_8));
        meta.write(new byte[] {(byte) 0xC3, (byte) 0x28, '"', '}', '\n'}); // invalid UTF-8 sequence
        for (String name : List.of("corrupt.png", "truncated.jpg", "ok1_copy.png", "ok2_near.jpg", "ok2_gray.png", "rgba.png", "tiny.png",
                "wide.png", "bomb.png", "missing.png", "ok1.png", "../elsewhere/secret.png", "link.png")) {
            line(meta, name, "a picture");
        }
        line(meta, outside.resolve("secret.png").toString(), "absolute");
        Files.write(source.resolve("metadata.jsonl"), meta.toByteArray());

        planted.put("corrupt.png", CleaningReason.UNDECODABLE);
        planted.put("truncated.jpg", CleaningReason.TRUNCATED);
        planted.put("ok1_copy.png", CleaningReason.EXACT_DUPLICATE);
        planted.put("ok2_near.jpg", CleaningReason.NEAR_DUPLICATE);
        planted.put("rgba.png", CleaningReason.ALPHA_COMPOSITED);
        planted.put("tiny.png", CleaningReason.TOO_SMALL);
        planted.put("wide.png", CleaningReason.EXTREME_ASPECT);
        planted.put("bomb.png", CleaningReason.DECOMPRESSION_BOMB);
        planted.put("metadata.jsonl line 7", CleaningReason.BAD_METADATA_LINE);
        planted.put("missing.png", CleaningReason.MISSING_FILE);
        planted.put("ok1.png", CleaningReason.DUPLICATE_FILE_NAME);
        planted.put("../elsewhere/secret.png", CleaningReason.PATH_ESCAPES);
        planted.put(outside.resolve("secret.png").toString(), CleaningReason.ABSOLUTE_PATH);
        planted.put("link.png", CleaningReason.SYMLINK);
        planted.put("ok3.jpg", CleaningReason.CAPTION_NORMALISED);
        planted.put("ok4.png", CleaningReason.EMPTY_CAPTION);
        planted.put("ok5.png", CleaningReason.MISSING_CAPTION);
        planted.put("unlisted.png", CleaningReason.NOT_IN_METADATA);
    }

    private void write(String name, byte[] bytes) throws IOException {
        Files.write(source.resolve(name), bytes);
    }

    private static void line(ByteArrayOutputStream out, String file, String caption) throws IOException {
        out.write(("{\"file_name\": \"" + file + "\", \"text\": \"" + caption + "\"}\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void findsEveryPlantedDefectAndLeavesTheSourceUntouched() throws IOException {
        Map<String, String> before = TestImages.snapshot(tmp.resolve("source"));
        Map<String, String> beforeOutside = TestImages.snapshot(outside);

        Dataset ds = DatasetImporter.importFrom(source, tmp.resolve("dataset"), ImportOptions.defaults(),
                ProgressListener.NONE, Cancellation.NEVER);
        CleaningReport report = Cleaner.clean(ds, CleaningOptions.defaults(), ProgressListener.NONE, Cancellation.NEVER);

        Map<String, Set<CleaningReason>> found = new HashMap<>();
        report.findings().forEach(f -> found.computeIfAbsent(f.file(), k -> new java.util.HashSet<>()).add(f.reason()));
        planted.forEach((file, reason) -> assertTrue(found.getOrDefault(file, Set.of()).contains(reason),
                file + " should be reported as " + reason + ", report has " + found.get(file)));
        Set<String> clean = Set.of("ok2.png", "ok6.png", "ok2_gray.png");
        clean.forEach(f -> assertFalse(found.containsKey(f), f + " is clean but reported: " + found.get(f)));
        assertEquals(planted.size(), report.findings().size(),
                "one finding per planted defect: " + report.findings().stream().map(Finding::file).collect(Collectors.toList()));
        assertEquals(1, report.counts().get(CleaningReason.NEAR_DUPLICATE));

        assertEquals(before, TestImages.snapshot(tmp.resolve("source")), "source bytes, names and times unchanged");
        assertEquals(beforeOutside, TestImages.snapshot(outside), "files outside the source unchanged");

        DatasetState state = ds.state();
        for (String excluded : List.of("ok1_copy", "ok2_near", "tiny", "wide", "ok4", "ok5")) {
            assertFalse(state.item(excluded).included(), excluded + " excluded");
        }
        for (String kept : List.of("ok1", "ok2", "ok3", "ok6", "rgba")) {
            assertTrue(state.item(kept).included(), kept + " kept");
        }
        assertEquals("a pikachu sitting on a rock", state.item("ok3").caption());
        assertEquals("A  arafed Pikachu pikachu   sitting on a a rock".length() + 4, state.item("ok3").item().caption().length(),
                "the imported caption is kept as the source gave it");

        ds.undo();
        assertTrue(ds.state().included().size() == ds.importedItems().size(), "one undo reverts the whole clean");
        Path reportFile = tmp.resolve("report.json");
        report.write(reportFile);
        String json = Files.readString(reportFile);
        assertTrue(json.contains("\"TRUNCATED\" : 1") && json.contains("truncated.jpg"), json);
    }

    @Test
    void nearDuplicateThresholdIsConfigurable() throws IOException {
        Dataset ds = DatasetImporter.importFrom(source, tmp.resolve("dataset"), ImportOptions.defaults(),
                ProgressListener.NONE, Cancellation.NEVER);
        int d = PerceptualHash.distance(ds.state().item("ok2").item().phash(), ds.state().item("ok2_near").item().phash());
        assertTrue(d <= 6, "JPEG re-encode stays within the default threshold, distance " + d);
        int gray = PerceptualHash.distance(ds.state().item("ok2").item().phash(), ds.state().item("ok2_gray").item().phash());
        assertTrue(gray <= 6, "a recolouring keeps the luminance hash (" + gray + " bits); only the colour grid tells it apart");
        CleaningReport strict = Cleaner.clean(ds, CleaningOptions.defaults().withNearDuplicateBits(0).withApply(false),
                ProgressListener.NONE, Cancellation.NEVER);
        assertTrue(strict.findings(CleaningReason.NEAR_DUPLICATE).isEmpty(), "threshold 0 disables the check");
        assertEquals(0, ds.head(), "a report-only run writes no journal entry");
    }

    @Test
    void refusesAPixelBudgetBreachBeforeDecoding() throws IOException {
        Dataset ds = DatasetImporter.importFrom(source, tmp.resolve("dataset"),
                ImportOptions.defaults().withPixelBudget(100 * 100), ProgressListener.NONE, Cancellation.NEVER);
        List<String> bombs = ds.importFindings().stream()
                .filter(f -> f.reason() == CleaningReason.DECOMPRESSION_BOMB).map(Finding::file).sorted().toList();
        assertTrue(bombs.contains("bomb.png") && bombs.contains("ok1.png") && !bombs.contains("tiny.png"), bombs.toString());
    }
}
