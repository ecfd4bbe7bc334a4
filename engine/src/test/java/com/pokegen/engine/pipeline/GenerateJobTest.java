package com.pokegen.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link GenerateJob#run}, the call behind {@code pokegen generate}, without the CLI. */
class GenerateJobTest {

    private static GenerationRequest.Builder request(String... prompts) {
        return GenerationRequest.builder().setPrompts(List.of(prompts)).setSeeds(new long[prompts.length]);
    }

    @Test
    void writesOneImageAndSidecarPerPromptWithTheModelsSettings(@TempDir Path dir) throws Exception {
        Path model = TinyPipelines.writeRandomClip(dir.resolve("student"), 3,
                PokegenMetadata.NONE.withRecommended(RecommendedSettings.addStudent(2)));
        GenerateJob.Result r = GenerateJob.run(model, request("a", "b"), dir.resolve("out"), false);
        assertEquals(1, r.generation().settings().steps());
        assertEquals(2, r.generation().settings().imageCount());
        assertTrue(r.files().stream().allMatch(Files::isRegularFile), r.files().toString());
        assertTrue(r.files().size() >= 4, r.files().toString());
    }

    @Test
    void aModelThatDoesNotLoadIsInvalidInputAndWritesNothing(@TempDir Path dir) {
        GenerateJob.InvalidInput e = assertThrows(GenerateJob.InvalidInput.class,
                () -> GenerateJob.run(dir.resolve("missing"), request("a"), dir.resolve("out"), false));
        assertTrue(e.getMessage().startsWith("cannot load the model: "), e.getMessage());
        assertFalse(Files.exists(dir.resolve("out")));
    }
}
