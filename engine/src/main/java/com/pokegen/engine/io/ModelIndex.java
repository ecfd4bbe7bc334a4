package com.pokegen.engine.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A diffusers pipeline folder's {@code model_index.json}: the pipeline class, the diffusers
 * version that wrote it, and for each component sub-folder the {@code [library, class]} that
 * loads it ({@code "unet": ["diffusers", "UNet2DConditionModel"]}). Absent optional components
 * are {@code [null, null]} and stay so; other keys ({@code requires_safety_checker}, ...) are kept
 * verbatim in {@link #extra}, so reading and writing back loses nothing.
 *
 * @param className {@code _class_name}, e.g. {@code StableDiffusionPipeline}
 * @param diffusersVersion {@code _diffusers_version}, or null when absent
 * @param components component name to {@code [library, class]}, in file order
 * @param extra every other key, in file order
 */
public record ModelIndex(
        String className, String diffusersVersion, Map<String, Component> components, Map<String, JsonNode> extra) {

    public static final String FILE_NAME = "model_index.json";

    /** The pipeline class of a text-to-image folder. */
    public static final String STABLE_DIFFUSION = "StableDiffusionPipeline";

    public ModelIndex {
        Objects.requireNonNull(className, "className");
        components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /**
     * One {@code [library, class]} entry. Both are null for a component the pipeline leaves
     * out ({@code "safety_checker": [null, null]}).
     */
    public record Component(String library, String className) {
        public boolean isPresent() {
            return library != null && className != null;
        }
    }

    /**
     * diffusers' index of a Stable Diffusion folder with {@code present} components: the safety
     * checker, feature extractor and image encoder are {@code [null, null]} and
     * {@code requires_safety_checker} is false.
     */
    public static ModelIndex stableDiffusion(String diffusersVersion, Map<String, Component> present) {
        Map<String, Component> components = new LinkedHashMap<>();
        for (String absent : new String[] {"feature_extractor", "image_encoder", "safety_checker"}) {
            components.put(absent, new Component(null, null));
        }
        components.putAll(present);
        return new ModelIndex(STABLE_DIFFUSION, diffusersVersion, components,
                Map.of("requires_safety_checker", BooleanNode.FALSE));
    }

    /** Reads {@code model_index.json} from a pipeline folder (or the file itself). */
    public static ModelIndex read(Path folderOrFile) throws IOException {
        Path file = Files.isDirectory(folderOrFile) ? folderOrFile.resolve(FILE_NAME) : folderOrFile;
        if (!Files.isRegularFile(file)) {
            throw new IOException(folderOrFile + " is not a diffusers pipeline folder: " + FILE_NAME
                    + " is missing (a single model folder has config.json instead; open its parent or the model itself)");
        }
        return parse(JsonFiles.readObject(file), file.toString());
    }

    /** Interprets a parsed {@code model_index.json}; {@code source} names it in errors. */
    public static ModelIndex parse(ObjectNode json, String source) throws IOException {
        JsonNode name = json.get("_class_name");
        if (name == null || !name.isTextual() || name.asText().isEmpty()) {
            throw new IOException(source + ": _class_name is missing or not a string; not a diffusers model_index.json");
        }
        JsonNode version = json.get("_diffusers_version");
        Map<String, Component> components = new LinkedHashMap<>();
        Map<String, JsonNode> extra = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (key.equals("_class_name") || key.equals("_diffusers_version")) {
                continue;
            }
            Optional<Component> component = key.startsWith("_") ? Optional.empty() : asComponent(e.getValue());
            if (component.isPresent()) {
                components.put(key, component.get());
            } else {
                extra.put(key, e.getValue().deepCopy());
            }
        }
        return new ModelIndex(name.asText(), version == null || version.isNull() ? null : version.asText(),
                components, extra);
    }

    /** A two-element array of strings or nulls is a component; anything else is an extra key. */
    private static Optional<Component> asComponent(JsonNode value) {
        if (!value.isArray() || value.size() != 2) {
            return Optional.empty();
        }
        JsonNode library = value.get(0);
        JsonNode cls = value.get(1);
        boolean valid = (library.isTextual() || library.isNull()) && (cls.isTextual() || cls.isNull());
        return valid ? Optional.of(new Component(library.textValue(), cls.textValue())) : Optional.empty();
    }

    /** The entry for {@code name}, if the index lists it (present or [null, null]). */
    public Optional<Component> component(String name) {
        return Optional.ofNullable(components.get(name));
    }

    /** The JSON object, keys in diffusers' order once written (sorted). */
    public ObjectNode toJson() {
        ObjectNode out = JsonFiles.MAPPER.createObjectNode();
        out.put("_class_name", className);
        if (diffusersVersion != null) {
            out.put("_diffusers_version", diffusersVersion);
        }
        components.forEach((k, c) -> {
            ArrayNode pair = out.putArray(k);
            pair.add(c.library());
            pair.add(c.className());
        });
        extra.forEach((k, v) -> out.set(k, v.deepCopy()));
        return out;
    }

    /** Writes {@code model_index.json} into {@code folder}, atomically, formatted as diffusers does. */
    public void write(Path folder) throws IOException {
        JsonFiles.write(folder.resolve(FILE_NAME), toJson());
    }
}
