package com.pokegen.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.pokegen.engine.io.ModelIndex.Component;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelIndexTest {

    static final Path PIPELINE = ComponentFolderTest.PIPELINE;

    @TempDir
    Path tmp;

    @Test
    void parsesTheDiffusersPipelineIndex() throws IOException {
        ModelIndex index = ModelIndex.read(PIPELINE);
        assertEquals("StableDiffusionPipeline", index.className());
        assertEquals("0.40.0.dev0", index.diffusersVersion());
        assertEquals(List.of("feature_extractor", "image_encoder", "safety_checker", "scheduler", "text_encoder",
                "tokenizer", "unet", "vae"), List.copyOf(index.components().keySet()));
        assertEquals(new Component("diffusers", "UNet2DConditionModel"), index.component("unet").orElseThrow());
        assertEquals(new Component("transformers", "CLIPTextModel"), index.component("text_encoder").orElseThrow());
        Component absent = index.component("safety_checker").orElseThrow();
        assertFalse(absent.isPresent());
        assertEquals(new Component(null, null), absent);
        assertEquals(BooleanNode.FALSE, index.extra().get("requires_safety_checker"));
    }

    /** Reading and writing back gives diffusers' exact bytes (sorted keys, indent 2, nulls kept). */
    @Test
    void writesBackByteIdentical() throws IOException {
        ModelIndex.read(PIPELINE).write(tmp);
        assertEquals(Files.readString(PIPELINE.resolve(ModelIndex.FILE_NAME)),
                Files.readString(tmp.resolve(ModelIndex.FILE_NAME)));
        assertEquals(ModelIndex.read(PIPELINE), ModelIndex.read(tmp));
    }

    /** The index a saved pipeline writes is diffusers' own for the same components, byte for byte. */
    @Test
    void stableDiffusionLayoutMatchesDiffusers() throws IOException {
        ModelIndex theirs = ModelIndex.read(PIPELINE);
        Map<String, Component> present = new LinkedHashMap<>();
        theirs.components().forEach((name, c) -> {
            if (c.isPresent()) {
                present.put(name, c);
            }
        });
        ModelIndex.stableDiffusion(theirs.diffusersVersion(), present).write(tmp);
        assertEquals(Files.readString(PIPELINE.resolve(ModelIndex.FILE_NAME)),
                Files.readString(tmp.resolve(ModelIndex.FILE_NAME)));
    }

    @Test
    void configFilesRewriteToTheSameJson() throws IOException {
        for (String f : List.of("unet/config.json", "vae/config.json", "text_encoder/config.json",
                "scheduler/scheduler_config.json")) {
            Path out = tmp.resolve(f.replace('/', '_'));
            JsonFiles.write(out, JsonFiles.readObject(PIPELINE.resolve(f)));
            assertEquals(JsonFiles.readObject(PIPELINE.resolve(f)), JsonFiles.readObject(out), f);
        }
    }

    @Test
    void unknownKeysAndOddValuesSurvive() throws IOException {
        Files.writeString(tmp.resolve("model_index.json"), "{\"_class_name\": \"MyPipeline\", \"_name_or_path\": \"x\","
                + " \"student\": [\"diffusers\", \"UNet2DConditionModel\"], \"steps\": [1, 2], \"flag\": true}");
        ModelIndex index = ModelIndex.read(tmp);
        assertEquals(null, index.diffusersVersion());
        assertEquals(List.of("student"), List.copyOf(index.components().keySet()));
        assertEquals(List.of("_name_or_path", "steps", "flag"), List.copyOf(index.extra().keySet()));
        Path out = tmp.resolve("out");
        index.write(out);
        assertEquals(index, ModelIndex.read(out));
    }

    @Test
    void missingOrBrokenIndexesAreExplained() throws IOException {
        IOException none = assertThrows(IOException.class, () -> ModelIndex.read(tmp));
        assertTrue(none.getMessage().contains("model_index.json") && none.getMessage().contains(tmp.toString()));
        Files.writeString(tmp.resolve("model_index.json"), "{\"unet\": [\"diffusers\", \"UNet2DConditionModel\"]}");
        IOException noClass = assertThrows(IOException.class, () -> ModelIndex.read(tmp));
        assertTrue(noClass.getMessage().contains("_class_name"));
        Files.writeString(tmp.resolve("model_index.json"), "{\"_class_name\": \"P\", ");
        IOException truncated = assertThrows(IOException.class, () -> ModelIndex.read(tmp));
        assertTrue(truncated.getMessage().contains("model_index.json") && truncated.getMessage().contains("invalid JSON"));
    }
}
