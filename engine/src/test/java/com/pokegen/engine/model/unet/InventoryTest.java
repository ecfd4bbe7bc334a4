package com.pokegen.engine.model.unet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.nn.Parameter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pokegen.engine.model.nn.Module;
import com.pokegen.engine.model.nn.StateDict;
import com.pokegen.engine.model.vae.AutoencoderKL;
import com.pokegen.engine.model.vae.AutoencoderKLConfig;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Built from the full-size configs (without allocating a single weight), the module trees hold
 * exactly diffusers' tensor names and shapes for SD 1.5 / 2.1 UNets and the SD VAE.
 */
class InventoryTest {

    private static JsonNode inventory(String name) throws Exception {
        return new ObjectMapper().readTree(Fixtures.PARITY.resolve("inventory").resolve(name).toFile());
    }

    private static void assertSameTensors(JsonNode inv, Module model, long tensors, long params) {
        Map<String, String> expected = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = inv.get("tensors").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            long[] dims = new long[e.getValue().size()];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = e.getValue().get(i).asLong();
            }
            expected.put(e.getKey(), Arrays.toString(dims));
        }
        Map<String, String> actual = new TreeMap<>();
        for (Map.Entry<String, Parameter> e : StateDict.parameters(model).entrySet()) {
            actual.put(e.getKey(), Arrays.toString(e.getValue().getShape().getShape()));
            assertEquals(false, e.getValue().isInitialized(), "nothing may be allocated");
        }
        assertEquals(expected, actual);
        assertEquals(tensors, inv.get("num_tensors").asLong());
        assertEquals(tensors, actual.size());
        assertEquals(params, inv.get("num_parameters").asLong());
        assertEquals(params, StateDict.parameterCount(model));
    }

    @Test
    void sd15Unet() throws Exception {
        JsonNode inv = inventory("sd15_unet.json");
        UNet2DConditionConfig cfg = UNet2DConditionConfig.fromJson(inv.get("config"), "sd15_unet.json");
        assertEquals(8, cfg.heads(0));
        assertSameTensors(inv, new UNet2DConditionModel(cfg), 686, 859_520_964L);
    }

    @Test
    void sd21Unet() throws Exception {
        JsonNode inv = inventory("sd21_unet.json");
        UNet2DConditionConfig cfg = UNet2DConditionConfig.fromJson(inv.get("config"), "sd21_unet.json");
        assertEquals(5, cfg.heads(0));
        assertEquals(20, cfg.heads(3));
        assertSameTensors(inv, new UNet2DConditionModel(cfg), 686, 865_910_724L);
    }

    @Test
    void sdVae() throws Exception {
        JsonNode inv = inventory("sd_vae.json");
        AutoencoderKLConfig cfg = AutoencoderKLConfig.fromJson(inv.get("config"), "sd_vae.json");
        assertSameTensors(inv, new AutoencoderKL(cfg), 248, 83_653_863L);
    }
}
