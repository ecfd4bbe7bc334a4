package com.pokegen.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CaptionNormalizerTest {

    @Test
    void removesBlipArtefactsRepeatsAndWhitespace() {
        assertEquals("a man with a hat", CaptionNormalizer.normalise("a arafed man with a hat", true));
        assertEquals("a man sitting on a rock", CaptionNormalizer.normalise("an  araffe man\tsitting on a a rock", true));
        assertEquals("a cartoon pokemon", CaptionNormalizer.normalise("a cartoon pokemon pokemon pokemon", true));
        assertEquals("a drawing of a cat with a hat", CaptionNormalizer.normalise(
                "a drawing of a cat with a hat with a hat with a hat", true));
        assertEquals("Pokémon, red", CaptionNormalizer.normalise("Poke\u0301mon , red\u00a0", false));
        assertEquals("", CaptionNormalizer.normalise(" \n\t ", true));
    }
}
