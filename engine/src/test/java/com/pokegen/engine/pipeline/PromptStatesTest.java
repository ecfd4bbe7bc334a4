package com.pokegen.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recently encoded prompts are reused with identical values, and only for the frozen MiniLM. */
class PromptStatesTest {

    @TempDir
    static Path tmp;

    private static GenerationRequest request(String prompt, long seed, double guidance) {
        return GenerationRequest.builder().setPrompts(List.of(prompt)).setSeeds(seed).optSteps(2)
                .optGuidance(guidance).build();
    }

    @Test
    void aRepeatedPromptSkipsTheEncoderAndDrawsTheSamePixels() throws Exception {
        Path dir = TinyPipelines.writeRandomMiniLm(tmp.resolve("minilm"), 3,
                PokegenMetadata.NONE.withRecommended(RecommendedSettings.ADD_STUDENT));
        try (DiffusionPipeline cached = DiffusionPipeline.load(dir);
                DiffusionPipeline fresh = DiffusionPipeline.load(dir)) {
            TextToImage t2i = TextToImage.of(cached);
            float[] first = t2i.generate(request("a red pokemon", 5, 0)).images().data();
            assertEquals(0, cached.promptStates().hits());
            float[] again = t2i.generate(request("a red pokemon", 5, 0)).images().data();
            assertEquals(1, cached.promptStates().hits(), "the second call reuses the states");
            assertArrayEquals(first, again);
            assertArrayEquals(first, TextToImage.of(fresh).generate(request("a red pokemon", 5, 0)).images().data(),
                    "a pipeline that never saw the prompt draws the same pixels");

            // guidance: the empty negative prompt is encoded once, then reused
            float[] guided = t2i.generate(request("a blue pokemon", 9, 3)).images().data();
            long hits = cached.promptStates().hits();
            assertArrayEquals(guided, t2i.generate(request("a blue pokemon", 9, 3)).images().data());
            assertEquals(hits + 2, cached.promptStates().hits());
            assertArrayEquals(guided, TextToImage.of(fresh).generate(request("a blue pokemon", 9, 3)).images().data());
        }
    }

    @Test
    void encodersWithTheirOwnWeightsAreNotCached() throws Exception {
        try (DiffusionPipeline clip = DiffusionPipeline.load(TinyPipelines.writeRandomClip(tmp.resolve("clip"), 7))) {
            TextToImage t2i = TextToImage.of(clip);
            t2i.generate(request("a red pokemon", 1, 0));
            t2i.generate(request("a red pokemon", 1, 0));
            assertEquals(0, clip.promptStates().hits(), "a trainer may be changing these weights");
        }
    }
}
