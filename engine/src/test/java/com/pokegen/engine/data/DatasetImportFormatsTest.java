package com.pokegen.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pokegen.engine.data.source.SourceFormat;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Done-when 1: every import layout of the same content yields the same dataset. */
class DatasetImportFormatsTest {

    @TempDir
    Path tmp;

    @Test
    void everyLayoutYieldsTheSameDataset() throws IOException {
        SourceFixtures content = new SourceFixtures();
        Map<SourceFormat, Path> sources = Map.of(
                SourceFormat.IMAGEFOLDER, content.imageFolder(tmp.resolve("src-imagefolder")),
                SourceFormat.SIDECAR, content.sidecar(tmp.resolve("src-sidecar")),
                SourceFormat.CSV, content.csv(tmp.resolve("src-csv")),
                SourceFormat.PARQUET, content.parquet(tmp.resolve("src-parquet")));
        Dataset reference = null;
        for (SourceFormat format : SourceFormat.values()) {
            Path source = sources.get(format);
            assertEquals(format, SourceFormat.detect(source), "detected layout of " + source);
            Dataset ds = DatasetImporter.importFrom(source, tmp.resolve("ds-" + format), ImportOptions.defaults(),
                    ProgressListener.NONE, Cancellation.NEVER);
            List<Item> items = ds.importedItems();
            assertEquals(List.of("a", "b", "c", "d", "e"), items.stream().map(Item::id).toList(), format.name());
            for (Item it : items) {
                assertEquals(content.captions.get(it.source()), it.caption(), format + " caption of " + it.source());
            }
            if (reference == null) {
                reference = ds;
            } else {
                assertEquals(reference.importedItems(), ds.importedItems(), format + " items");
                assertEquals(reference.version(), ds.version(), format + " version");
            }
        }
    }

    @Test
    void decodesWebpSvgAndCompositesAlphaOnWhite() throws IOException {
        Path source = new SourceFixtures().imageFolder(tmp.resolve("src"));
        Dataset ds = DatasetImporter.importFrom(source, tmp.resolve("ds"), ImportOptions.defaults(), ProgressListener.NONE,
                Cancellation.NEVER);

        BufferedImage webp = ImageIO.read(ds.imageFile("d").toFile());
        assertEquals(96, webp.getWidth());
        assertEquals(80, webp.getHeight());
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 96; x++) {
                int expected = (3 * x % 256) << 16 | (5 * y % 256) << 8 | (x * y % 256);
                assertEquals(expected, webp.getRGB(x, y) & 0xFFFFFF, "lossless WebP pixel " + x + "," + y);
            }
        }

        BufferedImage svg = ImageIO.read(ds.imageFile("e").toFile());
        assertEquals(512, svg.getWidth(), "SVG rasterised to the 512 px default long side");
        assertEquals(427, svg.getHeight(), "aspect 120:100 kept");
        assertEquals(0xFFFFFF, svg.getRGB(3, 3) & 0xFFFFFF, "transparent canvas composited on white");
        assertEquals(0xD02020, svg.getRGB(171, 213) & 0xFFFFFF, "disc centre keeps its fill");
        assertEquals(0x2040C0, svg.getRGB(405, 213) & 0xFFFFFF, "bar keeps its fill");
        assertTrue(ds.importFindings().stream().anyMatch(f -> f.reason() == CleaningReason.ALPHA_COMPOSITED
                && f.file().equals("e.svg")), "alpha compositing reported");
    }
}
