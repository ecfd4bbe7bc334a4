package com.pokegen.engine.model.text;

import static com.pokegen.engine.model.text.CLIPTextModelTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.pokegen.engine.io.Safetensors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class ClipTextEncoderTest {

    static final Path PIPELINE = Fixtures.path("pipeline_tiny/pipeline");

    @ParameterizedTest
    @EnumSource(value = ClipTokenizers.Backend.class, names = {"AUTO", "PURE_JAVA"})
    void reproducesDiffusersPromptEmbeddings(ClipTokenizers.Backend backend) throws IOException {
        try (ClipTextEncoder enc = ClipTextEncoder.open(
                        PIPELINE.resolve("text_encoder"), PIPELINE.resolve("tokenizer"), backend, 0);
                NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> runs = Safetensors.read(Fixtures.path("pipeline_tiny/runs.safetensors"), m);
            try (EncodedText text = enc.encode(ClipTokenizerTest.prompts(), m);
                    EncodedText uncond = enc.encode(List.of("", ""), m)) {
                assertClose(runs.get("prompt_embeds"), text.hiddenStates(), "prompt_embeds");
                assertClose(runs.get("uncond_embeds"), uncond.hiddenStates(), "uncond_embeds");
                assertEquals(new Shape(2, 77), text.attentionMask().getShape());
                assertEquals(new Shape(2, 32), text.pooled().getShape());
                assertEquals(2, (int) uncond.attentionMask().sum().getLong() / 2);
            }
            assertEquals(32, enc.hiddenSize());
            assertEquals(77, enc.maxLength());
        }
    }

    @Test
    void encodeLeavesOnlyItsResultsInTheCallersManager() throws IOException {
        try (ClipTextEncoder enc = ClipTextEncoder.open(PIPELINE);
                NDManager m = NDManager.newBaseManager()) {
            EncodedText text = enc.encode(List.of("a red dragon"), m);
            assertEquals(3, ((BaseNDManager) m).getManagedArrays().size());
            text.close();
            assertEquals(0, ((BaseNDManager) m).getManagedArrays().size());
        }
    }

    @Test
    void clipSkipUsesFinalNormOfAnEarlierLayerAndChangesTheId() throws IOException {
        try (ClipTextEncoder last = ClipTextEncoder.open(PIPELINE);
                ClipTextEncoder skip = ClipTextEncoder.open(
                        PIPELINE.resolve("text_encoder"), PIPELINE.resolve("tokenizer"), ClipTokenizers.Backend.AUTO, 1);
                NDManager m = NDManager.newBaseManager()) {
            NDArray ids = m.create(new long[][] {{632, 100, 633, 633}});
            CLIPTextOutput ref = skip.model().forward(ids);
            NDArray expected = skip.model().applyFinalLayerNorm(ref.hiddenStates().get(1));
            try (EncodedText a = last.encode(List.of("x"), m); EncodedText b = skip.encode(List.of("x"), m)) {
                // position 0 (BOS) sees only itself under the causal mask: prompt-independent
                assertClose(expected.get("0, 0"), b.hiddenStates().get("0, 0"), "clip skip BOS state");
                assertTrue(Fixtures.maxAbsDiff(a.hiddenStates().toFloatArray(), b.hiddenStates().toFloatArray()) > 1e-3);
            }
            assertNotEquals(last.id(), skip.id());
            assertTrue(last.id().startsWith("clip-text:") && last.id().endsWith(":L77:skip0"), last.id());
            try (ClipTextEncoder again = ClipTextEncoder.open(PIPELINE)) {
                assertEquals(last.id(), again.id());
            }
        }
    }
}
