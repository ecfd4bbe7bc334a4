package com.pokegen.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pokegen.engine.data.ProgressListener;
import com.pokegen.engine.model.nn.FloatTensor;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seeds, determinism, UNet call counts, progress and cancellation on a tiny random pipeline. */
class TinyPipelineGenerationTest {

    @TempDir
    static Path tmp;

    private static DiffusionPipeline pipeline;

    @BeforeAll
    static void build() throws Exception {
        pipeline = DiffusionPipeline.load(TinyPipelines.writeRandomClip(tmp.resolve("tiny"), 7));
    }

    @AfterAll
    static void close() {
        pipeline.close();
    }

    private static GenerationRequest.Builder request(long... seeds) {
        List<String> prompts = new ArrayList<>();
        for (int i = 0; i < seeds.length; i++) {
            prompts.add("a red fire type pokemon with wings");
        }
        return GenerationRequest.builder().setPrompts(prompts).setSeeds(seeds).optSteps(3);
    }

    /** Wraps the UNet, counting calls and the sample rows it evaluated. */
    private static final class CountingDenoiser implements Denoiser {
        final Denoiser inner = pipeline.denoiser();
        int calls;
        long rows;

        @Override
        public ai.djl.ndarray.NDArray predict(ai.djl.ndarray.NDArray x, ai.djl.ndarray.NDArray t,
                ai.djl.ndarray.NDArray c) {
            calls++;
            rows += x.getShape().get(0);
            return inner.predict(x, t, c);
        }
    }

    @Test
    void sameSeedGivesSamePixelsAndAnotherSeedDifferentOnes() {
        TextToImage t2i = TextToImage.of(pipeline);
        GenerationResult a = t2i.generate(request(11).optGuidance(0).build());
        GenerationResult b = t2i.generate(request(11).optGuidance(0).build());
        GenerationResult c = t2i.generate(request(12).optGuidance(0).build());

        assertEquals(a.images(), b.images(), "same seed and settings must give identical pixels");
        assertEquals(a.latents(), b.latents());
        assertTrue(a.images().maxAbsDiff(c.images()) > 1e-3f, "another seed must change the image");
        assertArrayEquals(new long[] {1, 3, 16, 16}, a.images().shape());
        for (float v : a.images().data()) {
            assertTrue(v >= 0f && v <= 1f, "pixel outside [0, 1]: " + v);
        }
    }

    @Test
    void anImageDependsOnItsOwnSeedNotOnItsBatch() {
        TextToImage t2i = TextToImage.of(pipeline);
        GenerationResult alone = t2i.generate(request(5).optGuidance(0).build());
        GenerationResult batch = t2i.generate(request(9, 5).optGuidance(0).build());
        // batched convolutions may round differently, so equal to float precision, not bits
        float diff = new FloatTensor(alone.images().shape(), batch.images().slice(1)).maxAbsDiff(alone.images());
        assertTrue(diff < 1e-5f, "seed 5 in a batch differs from seed 5 alone by " + diff);
    }

    @Test
    void ancestralSamplerIsReproducibleToo() {
        TextToImage t2i = TextToImage.of(pipeline);
        GenerationRequest r = request(3).optGuidance(0).optScheduler("euler-ancestral").optSteps(4).build();
        assertEquals(t2i.generate(r).images(), t2i.generate(r).images());
    }

    @Test
    void guidanceZeroCallsTheUnetOncePerStepAndCfgTwice() {
        CountingDenoiser plain = new CountingDenoiser();
        TextToImage.builder().setPipeline(pipeline).optDenoiser(plain).build()
                .generate(request(1, 2).optGuidance(0).build());
        assertEquals(3, plain.calls, "one call per step");
        assertEquals(3 * 2, plain.rows, "each image evaluated once per step");

        CountingDenoiser guided = new CountingDenoiser();
        GenerationResult r = TextToImage.builder().setPipeline(pipeline).optDenoiser(guided).build()
                .generate(request(1, 2).optGuidance(7.5).build());
        assertEquals(3, guided.calls, "unconditional and conditional halves share one batched call");
        assertEquals(3 * 2 * 2, guided.rows, "each image evaluated twice per step (uncond + cond)");
        assertTrue(r.settings().classifierFreeGuidance());
    }

    @Test
    void guidanceOneDisablesCfgAndChangesNothingVersusZero() {
        TextToImage t2i = TextToImage.of(pipeline);
        assertEquals(t2i.generate(request(4).optGuidance(0).build()).images(),
                t2i.generate(request(4).optGuidance(1).build()).images());
        assertNotEquals(t2i.generate(request(4).optGuidance(0).build()).images(),
                t2i.generate(request(4).optGuidance(5).build()).images());
    }

    @Test
    void batchesSplitTheRequestWithoutChangingImages() {
        TextToImage t2i = TextToImage.of(pipeline);
        AtomicInteger lastDone = new AtomicInteger();
        AtomicInteger lastTotal = new AtomicInteger();
        GenerationResult split = t2i.generate(request(1, 2, 3).optGuidance(0).optBatchSize(1)
                .optProgress((stage, done, total) -> {
                    assertEquals(ProgressListener.DENOISE, stage);
                    assertEquals(lastDone.get() + 1, done);
                    lastDone.set((int) done);
                    lastTotal.set((int) total);
                }).build());
        assertEquals(9, lastDone.get());
        assertEquals(9, lastTotal.get());
        GenerationResult single = t2i.generate(request(3).optGuidance(0).build());
        float diff = new FloatTensor(single.images().shape(), split.images().slice(2)).maxAbsDiff(single.images());
        assertTrue(diff < 1e-5f);
        List<BufferedImage> pics = split.bufferedImages();
        assertEquals(3, pics.size());
        assertEquals(16, pics.get(0).getWidth());
    }

    @Test
    void cancellationStopsBetweenSteps() {
        CountingDenoiser counting = new CountingDenoiser();
        TextToImage t2i = TextToImage.builder().setPipeline(pipeline).optDenoiser(counting).build();
        AtomicInteger steps = new AtomicInteger();
        CancellationException e = assertThrows(CancellationException.class, () -> t2i.generate(request(1)
                .optGuidance(0).optProgress((stage, d, t) -> steps.set((int) d)).optCancellation(() -> steps.get() >= 2).build()));
        assertEquals(2, counting.calls);
        assertTrue(e.getMessage().contains("2 of 3"), e.getMessage());
    }

    @Test
    void recommendedSettingsOfAStudentAreTheDefaults() throws Exception {
        PokegenMetadata student = new PokegenMetadata("tiny-student", "student", null,
                RecommendedSettings.ADD_STUDENT, null);
        try (DiffusionPipeline p = DiffusionPipeline.load(
                TinyPipelines.writeRandomClip(tmp.resolve("student"), 7, student))) {
            GenerationSettings s = TextToImage.of(p).resolve(
                    GenerationRequest.builder().setPrompts(List.of("x")).setSeeds(1).build());
            assertEquals("euler-ancestral", s.scheduler());
            assertEquals(1, s.steps());
            assertEquals(0.0, s.guidance());
            assertArrayEquals(new float[] {999}, s.timesteps());
            assertEquals("tiny-student", s.modelId());

            GenerationResult r = TextToImage.of(p).generate(GenerationRequest.builder()
                    .setPrompts(List.of("x")).setSeeds(1).optSteps(6).build());
            assertFalse(r.warnings().isEmpty(), "6 steps exceed the student's max of 4: expected a warning");
        }
        GenerationSettings teacher = TextToImage.of(pipeline).resolve(
                GenerationRequest.builder().setPrompts(List.of("x")).setSeeds(1).build());
        assertEquals("ddim", teacher.scheduler());
        assertEquals(25, teacher.steps());
        assertEquals(7.5, teacher.guidance());
        assertTrue(teacher.modelId().startsWith("sha256:"));
    }
}
