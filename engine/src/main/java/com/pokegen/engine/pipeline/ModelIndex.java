package com.pokegen.engine.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A diffusers {@code model_index.json}: the pipeline class and, per component folder, the
 * {@code [library, class]} that reads it ({@code [null, null]} = absent). Kept minimal so it
 * can give way to the io package's generic folder classes.
 *
 * @param components component name → [library, class name], only the present ones, in file order
 */
record ModelIndex(String pipelineClass, Map<String, String[]> components) {

    static final String FILE = "model_index.json";
    static final String PIPELINE_CLASS = "StableDiffusionPipeline";

    /** The [library, class] of {@code name}, or null when the folder has no such component. */
    String[] component(String name) {
        return components.get(name);
    }

    static ModelIndex read(Path pipelineDir) throws IOException {
        Path file = pipelineDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException(pipelineDir + " is not a diffusers pipeline folder: " + FILE + " is missing"
                    + " (expected model_index.json with unet/, vae/, text_encoder/, tokenizer/, scheduler/)");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not valid JSON (" + e.getMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException(file + ": expected a JSON object");
        }
        Map<String, String[]> components = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (e.getKey().startsWith("_") || !v.isArray()) {
                continue;
            }
            if (v.size() != 2) {
                throw new IOException(file + ": \"" + e.getKey() + "\" must be [library, class], got " + v);
            }
            if (v.get(0).isNull() || v.get(1).isNull()) {
                continue;
            }
            components.put(e.getKey(), new String[] {v.get(0).asText(), v.get(1).asText()});
        }
        return new ModelIndex(root.path("_class_name").asText(PIPELINE_CLASS), components);
    }

    /** diffusers' layout for a Stable Diffusion pipeline (no safety checker, no feature extractor). */
    ObjectNode toJson(String diffusersVersion) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("_class_name", pipelineClass);
        o.put("_diffusers_version", diffusersVersion);
        for (String absent : new String[] {"feature_extractor", "image_encoder", "safety_checker"}) {
            o.putArray(absent).addNull().addNull();
        }
        o.put("requires_safety_checker", false);
        components.forEach((name, lc) -> {
            ArrayNode a = o.putArray(name);
            a.add(lc[0]).add(lc[1]);
        });
        return o;
    }
}
