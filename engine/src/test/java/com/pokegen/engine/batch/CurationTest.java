package com.pokegen.engine.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CurationTest {

    private static final String GREY_GRID = "80".repeat(48);

    private static ManifestRow row(String prompt, long seed, String phash, String grid, List<String> colours) {
        BatchItem item = new BatchItem(prompt, seed, 1);
        return new ManifestRow(prompt, seed, 1, "sha256:m", item.file(), "00", phash, grid, colours);
    }

    @Test
    void nearDuplicatesNeedCloseHashesAndCloseColoursAndKeepTheEarlierSeed() {
        ManifestRow first = row("a pokemon", 1, "f0f0f0f0f0f0f0f0", GREY_GRID, List.of("gray"));
        ManifestRow threeBitsOff = row("a pokemon", 7, "f0f0f0f0f0f0f0f7", "84".repeat(48), List.of("gray"));
        ManifestRow farOff = row("a pokemon", 8, "f0f0f0f0f0f0f00f", GREY_GRID, List.of("gray"));
        ManifestRow recoloured = row("a pokemon", 9, "f0f0f0f0f0f0f0f0", "20".repeat(48), List.of("black"));
        Curation c = Curation.of(List.of(recoloured, farOff, threeBitsOff, first)); // order must not matter
        assertEquals(Map.of(threeBitsOff.file(), first.file()), c.duplicates());
        assertEquals(List.of("near-duplicate of " + first.file()), c.flags(threeBitsOff.file()));
    }

    @Test
    void colourWordInThePromptMustBeAmongTheDominantColours() {
        ManifestRow onBrief = row("a red fire type pokemon", 1, "0000000000000001", GREY_GRID, List.of("white", "red"));
        ManifestRow offBrief = row("a red fire type pokemon", 2, "00000000ffff0000", GREY_GRID, List.of("blue", "gray"));
        ManifestRow grey = row("a Grey rock pokemon", 3, "ffff000000000000", GREY_GRID, List.of("gray"));
        ManifestRow noColour = row("a fire type pokemon", 4, "0000ffff00000000", GREY_GRID, List.of("blue"));
        Curation c = Curation.of(List.of(onBrief, offBrief, grey, noColour));
        assertEquals(Map.of(offBrief.file(), "asks for red; dominant: blue, gray"), c.offBrief());
        assertEquals(List.of("red", "blue"), Curation.colourWords("A red and BLUE pokemon, red wings"));
    }
}
