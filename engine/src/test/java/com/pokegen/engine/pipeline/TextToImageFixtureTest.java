package com.pokegen.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pokegen.engine.model.nn.FloatTensor;
import com.pokegen.engine.schedule.TimestepSpacing;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End to end against diffusers: the engine loads {@code fixtures/pipeline_tiny/pipeline} and
 * reproduces {@code runs.safetensors} from the same initial latents.
 */
class TextToImageFixtureTest {

    private static DiffusionPipeline pipeline;
    private static Map<String, FloatTensor> runs;

    @BeforeAll
    static void load() throws Exception {
        pipeline = DiffusionPipeline.load(PipelineFixtures.pipelineFolder());
        runs = PipelineFixtures.runs();
    }

    @AfterAll
    static void close() {
        pipeline.close();
    }

    private static GenerationRequest.Builder fixtureRequest() {
        return GenerationRequest.builder().setPrompts(List.of(PipelineFixtures.PROMPTS))
                .optInitialLatents(runs.get("initial_latents")).optSize(32, 32);
    }

    @Test
    void ddimFourStepsWithGuidanceMatchesDiffusers() {
        GenerationResult r = TextToImage.of(pipeline).generate(
                fixtureRequest().optSteps(4).optGuidance(7.5).build());

        assertEquals("DDIMScheduler", r.settings().schedulerClass());
        assertArrayEquals(new float[] {751, 501, 251, 1}, r.settings().timesteps());
        float latentDiff = r.latents().maxAbsDiff(runs.get("ddim4_cfg7.5_final_latents"));
        float imageDiff = r.images().maxAbsDiff(runs.get("ddim4_cfg7.5_image"));
        assertTrue(latentDiff <= 1e-4f, "latents differ by " + latentDiff);
        assertTrue(imageDiff <= 1e-3f, "images differ by " + imageDiff);
    }

    @Test
    void eulerAncestralTrailingOneStepWithoutGuidanceMatchesDiffusers() {
        GenerationResult r = TextToImage.of(pipeline).generate(fixtureRequest().optSteps(1).optGuidance(0)
                .optScheduler("euler-ancestral").optTimestepSpacing(TimestepSpacing.TRAILING).build());

        assertEquals("EulerAncestralDiscreteScheduler", r.settings().schedulerClass());
        assertArrayEquals(new float[] {999}, r.settings().timesteps());
        float imageDiff = r.images().maxAbsDiff(runs.get("euler_ancestral_trailing1_nocfg_image"));
        assertTrue(imageDiff <= 1e-3f, "images differ by " + imageDiff);
        assertEquals(1, r.denoiserCalls());
    }
}
