package com.pokegen.engine.model.lora;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.io.Safetensors;
import com.pokegen.engine.io.SafetensorsFile;
import com.pokegen.engine.model.nn.StateDict;
import com.pokegen.engine.model.nn.Tensors;
import com.pokegen.engine.model.unet.Fixtures;
import com.pokegen.engine.model.unet.UNet2DConditionConfig;
import com.pokegen.engine.model.unet.UNet2DConditionModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Done-when 2 (PEFT round trip, kohya twin) and 6 (bad input gives one clear line). */
class LoraFilesTest {

    private static final String BASE = "pipeline_tiny";

    @Test
    void peftRoundTripIsBitExact(@TempDir Path dir) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            UNet2DConditionModel unet = LoraFixtures.unet(m);
            LoraNetwork lora = LoraFixtures.trained(unet, LoraTargets.ALL, 4, 2f, m);
            Path file = dir.resolve(LoraFiles.PEFT_FILE);
            LoraFiles.save(lora, file, BASE);
            try (SafetensorsFile f = SafetensorsFile.open(file)) {
                assertTrue(f.contains("unet.down_blocks.0.attentions.0.transformer_blocks.0.attn1.to_q.lora_A.weight"));
                assertTrue(f.contains("unet.down_blocks.0.resnets.0.conv1.lora_B.weight"));
                assertEquals(lora.layers().size() * 2, f.names().size());
                assertEquals(2.0, new ObjectMapper().readTree(f.metadata().get("lora_adapter_metadata"))
                        .get("lora_alpha").asDouble());
            }
            LoraFiles.Loaded loaded = LoraFiles.load(file, unet, BASE, m, false);
            Map<String, NDArray> a = StateDict.arrays(lora);
            Map<String, NDArray> b = StateDict.arrays(loaded.network());
            assertEquals(a.keySet(), b.keySet());
            a.forEach((k, v) -> assertArrayEquals(v.toFloatArray(), b.get(k).toFloatArray(), k));
            loaded.network().layers().values().forEach(l -> assertEquals(2f, l.alpha()));
        }
    }

    @Test
    void kohyaFileGivesTheOutputOfItsDiffusersTwin(@TempDir Path dir) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            UNet2DConditionModel unet = LoraFixtures.unet(m);
            LoraNetwork lora = LoraFixtures.trained(unet, LoraTargets.ATTN_FF, 8, 4f, m);
            Path peft = dir.resolve("peft.safetensors");
            LoraFiles.save(lora, peft, BASE);
            Path kohya = dir.resolve("kohya.safetensors");
            writeAsKohya(lora, kohya, m);

            float[] viaPeft = outputWith(LoraFiles.load(peft, unet, BASE, m, false).network(), unet, m);
            float[] viaKohya = outputWith(LoraFiles.load(kohya, unet, BASE, m, false).network(), unet, m);
            float[] base = LoraFixtures.output(unet, m);
            float change = LoraFixtures.maxAbsDiff(base, viaPeft);
            System.out.printf("kohya twin: the LoRA changes the output by up to %.2e%n", change);
            assertTrue(change > 1e-3, "the LoRA changes the output, by " + change);
            assertArrayEquals(viaPeft, viaKohya);
            Path written = dir.resolve("written-kohya.safetensors");
            LoraFiles.saveKohya(lora, written);
            assertArrayEquals(viaPeft, outputWith(LoraFiles.load(written, unet, BASE, m, false).network(), unet, m));
        }
    }

    /** Keys and α as kohya's sd-scripts saves them: lora_unet_ + path with '_', α a 0-d fp16 tensor. */
    private static void writeAsKohya(LoraNetwork lora, Path file, NDManager m) throws IOException {
        Map<String, NDArray> t = new LinkedHashMap<>();
        lora.layers().forEach((path, l) -> {
            String name = "lora_unet_" + path.replace('.', '_');
            t.put(name + ".lora_down.weight", StateDict.arrays(l).get("lora_A.weight"));
            t.put(name + ".lora_up.weight", StateDict.arrays(l).get("lora_B.weight"));
            t.put(name + ".alpha", Tensors.scalar(m, l.alpha()).toType(DataType.FLOAT16, false));
        });
        Safetensors.write(file, t, Map.of("ss_network_dim", "8", "ss_network_alpha", "4.0"));
    }

    private static float[] outputWith(LoraNetwork lora, UNet2DConditionModel unet, NDManager m) {
        lora.attach(1f);
        try {
            return LoraFixtures.output(unet, m);
        } finally {
            lora.detach();
        }
    }

    @Test
    void unknownKeysAreListedOrSkippedWhenLenient(@TempDir Path dir) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            UNet2DConditionModel unet = LoraFixtures.unet(m);
            LoraNetwork lora = LoraFixtures.trained(unet, LoraTargets.ATTN, 2, 2f, m);
            Map<String, NDArray> t = new LinkedHashMap<>();
            StateDict.arrays(lora).forEach((k, v) -> t.put("unet." + k, v));
            for (int i = 0; i < 25; i++) {
                t.put(String.format("lora_te_text_model_encoder_layers_%02d", i) + "_self_attn_q_proj.lora_down.weight", m.zeros(
                        new ai.djl.ndarray.types.Shape(2, 32)));
            }
            Path file = dir.resolve("with-te.safetensors");
            Safetensors.write(file, t, Map.of());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> LoraFiles.load(file, unet, BASE, m, false));
            String msg = e.getMessage();
            assertFalse(msg.contains("\n"), msg);
            assertTrue(msg.contains("25 key(s) match no layer of " + BASE), msg);
            assertTrue(msg.contains("layers_19_") && !msg.contains("layers_20_") && msg.contains("and 5 more"), msg);
            assertTrue(msg.contains("--lenient"), msg);
            LoraFiles.Loaded lenient = LoraFiles.load(file, unet, BASE, m, true);
            assertEquals(25, lenient.skipped().size());
            assertEquals(32, lenient.network().layers().size());
        }
    }

    @Test
    void loraOfAnotherBaseIsRefusedNamingBaseAndFile(@TempDir Path dir) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            ObjectNode cfg = (ObjectNode) new ObjectMapper().readTree(
                    Fixtures.PIPELINE.resolve("unet/config.json").toFile());
            cfg.putArray("block_out_channels").add(16).add(64);
            UNet2DConditionModel other = new UNet2DConditionModel(UNet2DConditionConfig.fromJson(cfg, "other"));
            other.initialize(m);
            Path file = dir.resolve("other.safetensors");
            LoraFiles.save(LoraFixtures.trained(other, LoraTargets.ATTN, 2, 2f, m), file, "other");
            UNet2DConditionModel unet = LoraFixtures.unet(m);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> LoraFiles.load(file, unet, BASE, m, true));
            String msg = e.getMessage();
            assertTrue(msg.startsWith("LoRA file " + file + " does not fit the base model " + BASE), msg);
            assertTrue(msg.contains("down_blocks.0.attentions.0.transformer_blocks.0.attn1.to_q is (32, 32)"), msg);
            assertFalse(msg.contains("\n"), msg);
        }
    }

    @Test
    void badArgumentsGiveOneClearLine() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            UNet2DConditionModel unet = LoraFixtures.unet(m);
            Path missing = Path.of("no/such/lora.safetensors");
            IOException e = assertThrows(IOException.class, () -> LoraFiles.load(missing, unet, BASE, m, false));
            assertEquals("LoRA file " + missing + " not found", e.getMessage());
            assertEquals("LoRA rank must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                    () -> LoraNetwork.builder().setRank(0).build(unet)).getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LoraSpec.parse("style.safetensors:strong"))
                .getMessage().startsWith("--lora style.safetensors:strong: the scale 'strong' is not a number"));
        assertEquals(new LoraSpec(Path.of("a/b.safetensors"), 0.5f), LoraSpec.parse("a/b.safetensors:0.5"));
        assertEquals(new LoraSpec(Path.of("C:\\x\\b.safetensors"), 1f), LoraSpec.parse("C:\\x\\b.safetensors"));
        assertEquals(LoraTargets.ATTN_FF, LoraTargets.fromName("attn+ff"));
    }
}
