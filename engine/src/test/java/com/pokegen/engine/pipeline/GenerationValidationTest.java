package com.pokegen.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pokegen.engine.model.nn.FloatTensor;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Requests are checked against the model before anything runs, with messages that say what to change. */
class GenerationValidationTest {

    private static DiffusionPipeline pipeline;
    private static TextToImage t2i;

    @BeforeAll
    static void load() throws Exception {
        pipeline = DiffusionPipeline.load(PipelineFixtures.pipelineFolder());
        t2i = TextToImage.of(pipeline);
    }

    @AfterAll
    static void close() {
        pipeline.close();
    }

    private static GenerationRequest.Builder one() {
        return GenerationRequest.builder().setPrompts(List.of("a red pokemon")).setSeeds(1);
    }

    private static void refused(GenerationRequest.Builder b, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t2i.resolve(b.build()));
        assertTrue(e.getMessage().contains(message), "expected '" + message + "' in: " + e.getMessage());
    }

    @Test
    void stepsMustLieWithinTheTrainingSchedule() {
        refused(one().optSteps(0), "steps must be between 1 and 1000");
        refused(one().optSteps(1001), "steps must be between 1 and 1000");
        assertEquals(1000, t2i.resolve(one().optSteps(1000).build()).timesteps().length);
    }

    @Test
    void sizeMustBeAMultipleOfTheVaeFactor() {
        assertEquals(2, pipeline.codec().downsampleFactor());
        refused(one().optSize(33, 32), "multiple of the VAE's downsampling factor 2");
        refused(one().optSize(0, 32), "multiple of the VAE's downsampling factor 2");
        GenerationSettings s = t2i.resolve(one().optSize(24, 40).build());
        assertEquals(24, s.width());
        assertEquals(40, s.height());
        assertEquals(32, t2i.resolve(one().build()).width(), "default: UNet sample_size 16 × factor 2");
    }

    @Test
    void otherSettingsAreChecked() {
        refused(one().optGuidance(-1), "guidance must be a finite number >= 0");
        refused(one().optScheduler("plms"), "unknown scheduler 'plms'");
        refused(one().optInitialLatents(new FloatTensor(new long[] {1, 4, 8, 8}, new float[256])),
                "need [1, 4, 16, 16]");
        assertThrows(IllegalArgumentException.class, () -> GenerationRequest.builder()
                .setPrompts(List.of("a", "b")).setSeeds(1).build());
        assertThrows(IllegalArgumentException.class, () -> GenerationRequest.builder()
                .setPrompts(List.of("a")).build());
        assertThrows(IllegalArgumentException.class, () -> GenerationRequest.builder()
                .setPrompts(List.of("a", "b")).setSeeds(1, 2).optNegativePrompts(List.of("x", "y", "z")).build());
    }

    @Test
    void longPromptsAreTruncatedWithAWarning() {
        String longPrompt = "a red fire type pokemon with wings ".repeat(20);
        GenerationResult r = t2i.generate(GenerationRequest.builder().setPrompts(List.of("short", longPrompt))
                .setSeeds(1, 2).optSteps(1).optGuidance(0).build());
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        assertTrue(r.warnings().get(0).startsWith("prompt 2"), r.warnings().get(0));
        assertTrue(r.warnings().get(0).contains("77 tokens"), r.warnings().get(0));
    }
}
