package com.pokegen.engine.model.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pokegen.engine.io.Safetensors;
import com.pokegen.engine.model.nn.StateDict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CLIPTextModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"clip_text_quickgelu", "clip_text_gelu"})
    void matchesTransformers(String fixture) throws IOException {
        Path dir = Fixtures.path("parity/" + fixture);
        try (NDManager m = NDManager.newBaseManager()) {
            CLIPTextModel model = new CLIPTextModel(CLIPTextConfig.read(dir.resolve("config.json")));
            model.initialize(m);
            StateDict.load(model, Safetensors.read(dir.resolve("weights.safetensors"), m), true, fixture);
            Map<String, NDArray> io = Safetensors.read(dir.resolve("io.safetensors"), m);

            CLIPTextOutput out = model.forward(io.get("input_ids"));

            assertEquals(4, out.hiddenStates().size());
            assertClose(io.get("last_hidden_state"), out.lastHiddenState(), "last_hidden_state");
            assertClose(io.get("penultimate_hidden_state"), out.penultimateHiddenState(), "penultimate");
            assertClose(io.get("pooler_output"), out.pooledOutput(), "pooler_output");
        }
    }

    @Test
    void fullPaddingMaskChangesNothingAndPaddedKeysAreIgnored() throws IOException {
        Path dir = Fixtures.path("parity/clip_text_gelu");
        try (NDManager m = NDManager.newBaseManager()) {
            CLIPTextModel model = new CLIPTextModel(CLIPTextConfig.read(dir.resolve("config.json")));
            model.initialize(m);
            StateDict.load(model, Safetensors.read(dir.resolve("weights.safetensors"), m), true, "gelu");
            NDArray ids = m.create(new long[][] {{998, 5, 7, 999}});
            NDArray ones = m.ones(new ai.djl.ndarray.types.Shape(1, 4), ai.djl.ndarray.types.DataType.INT64);
            assertClose(model.forward(ids).lastHiddenState(), model.forward(ids, ones).lastHiddenState(), "mask of ones");
            // hiding key 1 from position 3 must change position 3 but not positions 0 (before it)
            NDArray hole = m.create(new long[][] {{1, 0, 1, 1}});
            NDArray plain = model.forward(ids).lastHiddenState();
            NDArray masked = model.forward(ids, hole).lastHiddenState();
            assertClose(plain.get("0, 0"), masked.get("0, 0"), "position 0");
            assertTrue(Fixtures.maxAbsDiff(plain.get("0, 3").toFloatArray(), masked.get("0, 3").toFloatArray()) > 1e-3);
        }
    }

    @Test
    void eosPositionFollowsTransformersRules() {
        CLIPTextConfig c = tiny(999);
        CLIPTextModel model = new CLIPTextModel(c);
        assertEquals(2, model.eosPosition(new long[] {998, 5, 999, 999}, 0, 4));
        assertEquals(0, model.eosPosition(new long[] {998, 5, 6, 7}, 0, 4));
        // legacy configs with eos_token_id 2 take the largest id
        CLIPTextModel legacy = new CLIPTextModel(tiny(2));
        assertEquals(1, legacy.eosPosition(new long[] {3, 9, 2, 2}, 0, 4));
    }

    @ParameterizedTest
    @ValueSource(strings = {"sd15_text_encoder:123060480", "sd21_text_encoder:340387840"})
    void inventoryMatchesFullSizeCheckpoints(String spec) throws IOException {
        String name = spec.split(":")[0];
        long expected = Long.parseLong(spec.split(":")[1]);
        JsonNode inv = JSON.readTree(Fixtures.path("parity/inventory/" + name + ".json").toFile());
        CLIPTextModel model = new CLIPTextModel(CLIPTextConfig.fromJson(inv.get("config")));

        Map<String, List<Long>> ours = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : StateDict.parameters(model).entrySet()) {
            List<Long> dims = new ArrayList<>();
            for (long d : e.getValue().getShape().getShape()) {
                dims.add(d);
            }
            ours.put(e.getKey(), dims);
        }
        Map<String, List<Long>> theirs = new LinkedHashMap<>();
        inv.get("tensors").fields().forEachRemaining(e -> {
            List<Long> dims = new ArrayList<>();
            e.getValue().forEach(d -> dims.add(d.asLong()));
            theirs.put(e.getKey(), dims);
        });
        assertEquals(theirs, ours);
        assertEquals(List.copyOf(theirs.keySet()), List.copyOf(ours.keySet()), "registration order");
        assertEquals(expected, StateDict.parameterCount(model));
        assertEquals(inv.get("num_parameters").asLong(), expected);
    }

    @Test
    void configRoundTripsThroughTransformersJson(@TempDir Path tmp) throws IOException {
        CLIPTextConfig c = CLIPTextConfig.read(Fixtures.path("pipeline_tiny/pipeline/text_encoder/config.json"));
        assertEquals(634, c.vocabSize());
        assertEquals(ClipActivation.QUICK_GELU, c.activation());
        assertEquals(633, c.eosTokenId());
        Path out = tmp.resolve("te/config.json");
        c.write(out);
        JsonNode n = JSON.readTree(out.toFile());
        assertEquals("CLIPTextModel", n.get("architectures").get(0).asText());
        assertEquals("clip_text_model", n.get("model_type").asText());
        assertEquals(c, CLIPTextConfig.read(out));
    }

    @Test
    void configRejectsBadValuesWithFieldNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CLIPTextConfig(10, 30, 8, 1, 4, 77, "quick_gelu", 1e-5f, 8, 0, 1, 2));
        assertTrue(e.getMessage().contains("num_attention_heads"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new CLIPTextConfig(10, 32, 8, 1, 4, 77, "relu", 1e-5f, 8, 0, 1, 2));
        assertTrue(e.getMessage().contains("hidden_act"), e.getMessage());
    }

    @Test
    void legacyKeysAreNormalised() {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> legacy = new LinkedHashMap<>();
            legacy.put("text_model.embeddings.position_ids", m.arange(4L).reshape(1, 4));
            legacy.put("text_model.final_layer_norm.weight", m.ones(new ai.djl.ndarray.types.Shape(8)));
            assertEquals(List.of("final_layer_norm.weight"),
                    List.copyOf(CLIPTextModel.normalizeCheckpointKeys(legacy).keySet()));
        }
    }

    static CLIPTextConfig tiny(int eos) {
        return new CLIPTextConfig(1000, 8, 16, 1, 2, 77, "quick_gelu", 1e-5f, 8, eos, 998, eos);
    }

    static void assertClose(NDArray expected, NDArray actual, String what) {
        assertEquals(expected.getShape(), actual.getShape(), what + " shape");
        float diff = Fixtures.maxAbsDiff(expected.toFloatArray(), actual.toFloatArray());
        assertTrue(diff <= 1e-4f, what + ": max |diff| " + diff);
    }
}
