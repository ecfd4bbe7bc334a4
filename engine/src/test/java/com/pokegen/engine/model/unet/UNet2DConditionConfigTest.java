package com.pokegen.engine.model.unet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.model.vae.AutoencoderKLConfig;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing diffusers configs: defaults, per-block lists, round trip, clear rejections. */
class UNet2DConditionConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode read(Path p) throws Exception {
        return (ObjectNode) JSON.readTree(p.toFile());
    }

    @Test
    void emptyConfigGetsDiffusersDefaults() {
        UNet2DConditionConfig c = UNet2DConditionConfig.fromJson(JSON.createObjectNode(), "empty");
        assertEquals(List.of(320, 640, 1280, 1280), c.blockOutChannels());
        assertEquals(List.of(2, 2, 2, 2), c.layersPerBlock());
        assertEquals(1280, c.timeEmbedDim());
        assertEquals(8, c.heads(2));
        assertEquals(1280, c.crossAttentionDim().get(0));
        assertEquals("UNetMidBlock2DCrossAttn", c.midBlockType());
        assertEquals(32, c.normNumGroups());
        assertEquals(1e-5, c.normEps(), 0);
    }

    @Test
    void perBlockHeadsAndExplicitNumAttentionHeads() throws Exception {
        ObjectNode n = read(Fixtures.PARITY.resolve("unet_sd2_like/config.json"));
        UNet2DConditionConfig c = UNet2DConditionConfig.fromJson(n, "sd2");
        assertEquals(2, c.heads(0));
        assertEquals(4, c.heads(1));
        n.set("num_attention_heads", JSON.readTree("[1, 2]"));
        UNet2DConditionConfig d = UNet2DConditionConfig.fromJson(n, "sd2");
        assertEquals(1, d.heads(0));
        assertEquals(2, d.heads(1));
    }

    @Test
    void roundTripKeepsEveryKeyDiffusersWrote() throws Exception {
        for (String dir : List.of("unet_sd15_like", "unet_sd2_like")) {
            ObjectNode original = read(Fixtures.PARITY.resolve(dir).resolve("config.json"));
            UNet2DConditionConfig c = UNet2DConditionConfig.fromJson(original, dir);
            ObjectNode written = c.toJson();
            assertEquals("UNet2DConditionModel", written.get("_class_name").asText());
            assertTrue(written.has("_diffusers_version"));
            assertEquals(c, UNet2DConditionConfig.fromJson(written, "written"));
            for (Iterator<Map.Entry<String, JsonNode>> it = original.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().startsWith("_")) {
                    continue;
                }
                JsonNode w = written.get(e.getKey());
                assertTrue(w != null, dir + ": key " + e.getKey() + " not written");
                if (e.getValue().isNumber()) {
                    assertEquals(e.getValue().asDouble(), w.asDouble(), 0, e.getKey());
                } else {
                    assertEquals(e.getValue(), w, e.getKey());
                }
            }
        }
    }

    @Test
    void vaeRoundTrip() throws Exception {
        ObjectNode original = read(Fixtures.PARITY.resolve("vae_tiny/config.json"));
        AutoencoderKLConfig c = AutoencoderKLConfig.fromJson(original, "vae");
        ObjectNode written = c.toJson();
        assertEquals("AutoencoderKL", written.get("_class_name").asText());
        assertEquals(c, AutoencoderKLConfig.fromJson(written, "written"));
        assertTrue(written.get("shift_factor").isNull());
        assertEquals(List.of(16, 32), c.blockOutChannels());
    }

    @Test
    void rejectsUnsupportedFeaturesNamingTheKey() throws Exception {
        ObjectNode base = read(Fixtures.PARITY.resolve("unet_sd15_like/config.json"));
        Map<String, String> bad = Map.of(
                "addition_embed_type", "\"text_time\"",
                "class_embed_type", "\"timestep\"",
                "only_cross_attention", "true",
                "resnet_time_scale_shift", "\"scale_shift\"",
                "act_fn", "\"gelu\"",
                "time_embedding_type", "\"fourier\"",
                "transformer_layers_per_block", "[[1, 2], [1, 2], [1, 2], [1, 2]]",
                "down_block_types", "[\"SimpleCrossAttnDownBlock2D\", \"CrossAttnDownBlock2D\","
                        + " \"CrossAttnDownBlock2D\", \"DownBlock2D\"]",
                "mid_block_type", "\"UNetMidBlock2DSimpleCrossAttn\"",
                "layers_per_block", "[1, 2]");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            ObjectNode n = base.deepCopy();
            n.set(e.getKey(), JSON.readTree(e.getValue()));
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                    () -> UNet2DConditionConfig.fromJson(n, "cfg.json"), e.getKey());
            assertTrue(ex.getMessage().contains(e.getKey()), ex.getMessage());
        }
        ObjectNode vae = read(Fixtures.PARITY.resolve("vae_tiny/config.json"));
        vae.set("up_block_types", JSON.readTree("[\"UpDecoderBlock2D\", \"AttnUpDecoderBlock2D\"]"));
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> AutoencoderKLConfig.fromJson(vae, "vae.json"));
        assertTrue(ex.getMessage().contains("up_block_types"), ex.getMessage());
    }

    @Test
    void nullMidBlockDropsItsTensors() throws Exception {
        ObjectNode n = read(Fixtures.PARITY.resolve("unet_sd2_like/config.json"));
        n.putNull("mid_block_type");
        UNet2DConditionConfig c = UNet2DConditionConfig.fromJson(n, "cfg");
        UNet2DConditionModel m = new UNet2DConditionModel(c);
        assertTrue(com.pokegen.engine.model.nn.StateDict.parameters(m).keySet().stream()
                .noneMatch(k -> k.startsWith("mid_block")));
        assertTrue(c.toJson().get("mid_block_type").isNull());
    }
}
