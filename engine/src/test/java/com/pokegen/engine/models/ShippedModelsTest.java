package com.pokegen.engine.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.pokegen.engine.pipeline.DiffusionPipeline;
import com.pokegen.engine.pipeline.GenerationRequest;
import com.pokegen.engine.pipeline.TextToImage;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped student (models/pokemon-tiny-student) draws the README's demo prompts in the
 * colours they ask for, at 1 step, with the settings its pokegen.json recommends.
 */
class ShippedModelsTest {

    static final Path STUDENT = Path.of("../models/pokemon-tiny-student");
    /** The pixel-space 32 px student (zero terminal SNR teacher + ADD), shipped beside the default. */
    static final Path PIXEL_STUDENT = Path.of("../models/pokemon-pixel32-student");

    /** Circular mean hue (degrees) of the coloured pixels, weighted by saturation. */
    static double dominantHue(BufferedImage img) {
        double x = 0;
        double y = 0;
        for (int j = 0; j < img.getHeight(); j++) {
            for (int i = 0; i < img.getWidth(); i++) {
                int rgb = img.getRGB(i, j);
                float[] hsb = Color.RGBtoHSB((rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255, null);
                if (hsb[1] > 0.3f && hsb[2] > 0.25f) { // skip the white background and dark outlines
                    double a = 2 * Math.PI * hsb[0];
                    x += hsb[1] * Math.cos(a);
                    y += hsb[1] * Math.sin(a);
                }
            }
        }
        double deg = Math.toDegrees(Math.atan2(y, x));
        return deg < 0 ? deg + 360 : deg;
    }

    static double hueDistance(double a, double b) {
        double d = Math.abs(a - b) % 360;
        return Math.min(d, 360 - d);
    }

    @Test
    void demoPromptsComeOutInTheirColours() throws Exception {
        demoPromptsComeOutInTheirColours(STUDENT, 40);
    }

    @Test
    void pixelStudentDrawsTheDemoPromptsInTheirColoursWithoutAVae() throws Exception {
        try (DiffusionPipeline p = DiffusionPipeline.load(PIXEL_STUDENT)) {
            assertEquals(3, p.unet().config().inChannels(), "pixel space: the UNet denoises RGB");
        }
        // it draws water types in the cyan-blue of the artworks (hues 188-200), not pure blue
        demoPromptsComeOutInTheirColours(PIXEL_STUDENT, 60);
    }

    private static void demoPromptsComeOutInTheirColours(Path student, double tolerance) throws Exception {
        assumeTrue(Files.isDirectory(student), "no shipped student yet");
        List<String> prompts = List.of("a red fire type pokemon with wings", "a small blue water type pokemon",
                "a yellow electric pokemon", "un petit pokémon bleu de type eau");
        double[] targets = {0, 240, 60, 240}; // the HSB hues of pure red, blue, yellow and blue (French)
        try (DiffusionPipeline p = DiffusionPipeline.load(student)) {
            assertEquals("student", p.metadata().role());
            for (int k = 0; k < prompts.size(); k++) {
                int matches = 0;
                StringBuilder seen = new StringBuilder();
                for (long seed = 1; seed <= 4; seed++) {
                    GenerationRequest r = GenerationRequest.builder().setPrompts(List.of(prompts.get(k)))
                            .setSeeds(seed).build(); // the model's recommendation (4 steps), no CFG
                    BufferedImage img = TextToImage.of(p).generate(r).bufferedImages().get(0);
                    double hue = dominantHue(img);
                    seen.append(String.format(" %.0f", hue));
                    if (hueDistance(hue, targets[k]) <= tolerance) {
                        matches++;
                    }
                }
                System.out.println(student.getFileName() + ", " + prompts.get(k) + ": hues" + seen);
                assertTrue(matches >= 3, prompts.get(k) + ": dominant hues" + seen + " should be near " + targets[k]);
            }
        }
    }
}
