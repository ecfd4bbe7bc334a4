package com.pokegen.engine.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One model sub-folder of a diffusers pipeline ({@code unet/}, {@code vae/}, {@code text_encoder/})
 * or a stand-alone model folder: its {@code config.json} and its safetensors weights, in the
 * file names diffusers and transformers use. Model-agnostic: it finds, reads and writes files;
 * building the model from the config is the caller's business.
 *
 * <p>Weights are looked up as diffusers does: {@code diffusion_pytorch_model.safetensors}
 * (diffusers) or {@code model.safetensors} (transformers), else a sharded
 * {@code <name>.safetensors.index.json} whose {@code weight_map} names the shards; a variant
 * ({@code fp16}) inserts its name: {@code diffusion_pytorch_model.fp16.safetensors},
 * {@code diffusion_pytorch_model.safetensors.index.fp16.json}. Pickle weights ({@code .bin})
 * are refused: loading them can run arbitrary code.
 */
public final class ComponentFolder {

    public static final String CONFIG_FILE = "config.json";

    /** The library that loads a component, which fixes its weight file name. */
    public enum Library {
        DIFFUSERS("diffusers", "diffusion_pytorch_model"),
        TRANSFORMERS("transformers", "model");

        private final String id;
        private final String baseName;

        Library(String id, String baseName) {
            this.id = id;
            this.baseName = baseName;
        }

        /** The name in {@code model_index.json}, e.g. {@code "diffusers"}. */
        public String id() {
            return id;
        }

        /** {@code diffusion_pytorch_model.safetensors}, or {@code diffusion_pytorch_model.fp16.safetensors} for a variant. */
        public String weightsFileName(String variant) {
            return baseName + (variant == null ? "" : "." + variant) + ".safetensors";
        }

        /** {@code diffusion_pytorch_model.safetensors.index.json}, or {@code ...index.fp16.json} for a variant. */
        public String indexFileName(String variant) {
            return baseName + ".safetensors.index" + (variant == null ? "" : "." + variant) + ".json";
        }

        public static Optional<Library> fromId(String id) {
            return Stream.of(values()).filter(l -> l.id.equals(id)).findFirst();
        }
    }

    private static final Pattern VARIANT = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern VARIANT_FILE = Pattern.compile(
            "(?:diffusion_pytorch_model|model)(?:\\.([A-Za-z0-9_]+)\\.safetensors|\\.safetensors\\.index\\.([A-Za-z0-9_]+)\\.json)");
    private static final List<String> PICKLE_SUFFIXES = List.of(".bin", ".pt", ".pth", ".ckpt", ".pkl");
    private static final Map<String, String> PT_FORMAT = Map.of("format", "pt");

    private final Path dir;

    private ComponentFolder(Path dir) {
        this.dir = dir;
    }

    /** A component folder that must exist. */
    public static ComponentFolder open(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null,
                    Files.exists(dir) ? "not a folder (expected a model folder with config.json and weights)"
                            : "model folder does not exist");
        }
        return new ComponentFolder(dir);
    }

    /** The sub-folder {@code component} of a pipeline folder, e.g. {@code open(sd15, "unet")}. */
    public static ComponentFolder open(Path pipelineDir, String component) throws IOException {
        if (component.isEmpty() || component.contains("/") || component.contains("\\") || component.startsWith(".")) {
            throw new IllegalArgumentException("component name '" + component + "' is not a plain folder name");
        }
        return open(pipelineDir.resolve(component));
    }

    public Path dir() {
        return dir;
    }

    /** {@code config.json}, unknown keys kept. */
    public ObjectNode readConfig() throws IOException {
        return readConfig(CONFIG_FILE);
    }

    /** Another config file of the folder, e.g. {@code scheduler_config.json}. */
    public ObjectNode readConfig(String fileName) throws IOException {
        Path file = dir.resolve(fileName);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "missing; a model folder needs " + fileName
                    + " next to its weights (is this the right folder?)");
        }
        return JsonFiles.readObject(file);
    }

    /**
     * Finds the weights: plain names first; if there are none but exactly one variant
     * ({@code fp16}, ...) exists, that one.
     */
    public ComponentWeights locateWeights() throws IOException {
        Optional<ComponentWeights> plain = find(null);
        if (plain.isPresent()) {
            return plain.get();
        }
        TreeSet<String> variants = variantsPresent();
        if (variants.size() == 1) {
            return locateWeights(variants.first());
        }
        throw noWeights(null, variants);
    }

    /** Finds the weights of one variant ({@code "fp16"}), or the plain ones when {@code variant} is null. */
    public ComponentWeights locateWeights(String variant) throws IOException {
        if (variant != null && !VARIANT.matcher(variant).matches()) {
            throw new IllegalArgumentException("variant '" + variant + "' must be letters, digits or _ (e.g. fp16)");
        }
        Optional<ComponentWeights> found = find(variant);
        if (found.isPresent()) {
            return found.get();
        }
        throw noWeights(variant, variantsPresent());
    }

    private Optional<ComponentWeights> find(String variant) throws IOException {
        for (Library library : Library.values()) {
            Path single = dir.resolve(library.weightsFileName(variant));
            if (Files.isRegularFile(single)) {
                return Optional.of(new ComponentWeights(List.of(single), null, Map.of(), variant));
            }
            Path index = dir.resolve(library.indexFileName(variant));
            if (Files.isRegularFile(index)) {
                return Optional.of(ShardIndex.read(dir, index, variant));
            }
        }
        return Optional.empty();
    }

    private TreeSet<String> variantsPresent() throws IOException {
        TreeSet<String> variants = new TreeSet<>();
        for (String name : fileNames()) {
            Matcher m = VARIANT_FILE.matcher(name);
            if (m.matches()) {
                variants.add(m.group(1) != null ? m.group(1) : m.group(2));
            }
        }
        return variants;
    }

    private List<String> fileNames() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private IOException noWeights(String variant, TreeSet<String> variants) throws IOException {
        List<String> names = fileNames();
        List<String> pickles = names.stream()
                .filter(n -> PICKLE_SUFFIXES.stream().anyMatch(n::endsWith)).toList();
        String expected = Library.DIFFUSERS.weightsFileName(variant) + " (diffusers) or "
                + Library.TRANSFORMERS.weightsFileName(variant) + " (transformers), or a sharded "
                + Library.DIFFUSERS.indexFileName(variant) + " / " + Library.TRANSFORMERS.indexFileName(variant);
        if (variant == null && variants.size() > 1) {
            return new NoSuchFileException(dir.toString(), null, "no plain weights, only the variants " + variants
                    + "; choose one (e.g. variant \"" + variants.first() + "\")");
        }
        if (!pickles.isEmpty()) {
            return new IOException(dir + ": found only PyTorch pickle weights " + pickles
                    + ". PokéGen reads safetensors only (unpickling can run arbitrary code). Convert them once in"
                    + " Python: `Model.from_pretrained(folder).save_pretrained(folder)` writes "
                    + Library.DIFFUSERS.weightsFileName(variant) + " (diffusers) or "
                    + Library.TRANSFORMERS.weightsFileName(variant) + " (transformers).");
        }
        return new NoSuchFileException(dir.toString(), null, "no " + (variant == null ? "" : "'" + variant + "' ")
                + "weights: expected " + expected + (variants.isEmpty() ? "" : "; variants present: " + variants)
                + "; files here: " + (names.size() <= 12 ? names : names.subList(0, 12) + "..."));
    }

    /** Names, dtypes and shapes of every tensor (headers only; nothing is allocated). */
    public Map<String, TensorInfo> tensorInfos() throws IOException {
        return ShardIndex.tensorInfos(locateWeights());
    }

    /** Loads every tensor of the located weights into {@code manager}. */
    public Map<String, NDArray> loadTensors(NDManager manager) throws IOException {
        return loadTensors(locateWeights(), manager);
    }

    /** Loads every tensor of {@code weights}, after checking all headers (and the shard index) first. */
    public static Map<String, NDArray> loadTensors(ComponentWeights weights, NDManager manager) throws IOException {
        ShardIndex.tensorInfos(weights);
        Map<String, NDArray> out = new LinkedHashMap<>();
        try {
            for (Path file : weights.files()) {
                try (SafetensorsFile f = SafetensorsFile.open(file)) {
                    out.putAll(f.loadAll(manager));
                }
            }
            return out;
        } catch (IOException | RuntimeException e) {
            SafetensorsFile.closeAll(new ArrayList<>(out.values()));
            throw e;
        }
    }

    /** {@link #save(Path, Library, JsonNode, Map, DataType, String)} keeping dtypes, no variant. */
    public static ComponentWeights save(Path dir, Library library, JsonNode config, Map<String, NDArray> tensors)
            throws IOException {
        return save(dir, library, config, tensors, null, null);
    }

    /**
     * Writes {@code config.json} and the weights under the library's file name (metadata
     * {@code {"format": "pt"}}, which transformers requires), each file atomically. A shard
     * index and shards of the same name left by an earlier save are removed, since diffusers
     * would prefer them to the new file.
     *
     * @param storeAs storage type for floating tensors (FLOAT16, BFLOAT16, ...), or null to keep
     * @param variant file-name variant such as {@code "fp16"}, or null
     */
    public static ComponentWeights save(Path dir, Library library, JsonNode config, Map<String, NDArray> tensors,
            DataType storeAs, String variant) throws IOException {
        if (config == null || !config.isObject()) {
            throw new IllegalArgumentException(dir + ": config must be a JSON object");
        }
        if (variant != null && !VARIANT.matcher(variant).matches()) {
            throw new IllegalArgumentException("variant '" + variant + "' must be letters, digits or _ (e.g. fp16)");
        }
        Path weights = dir.resolve(library.weightsFileName(variant));
        SafetensorsWriter.builder().optDtype(storeAs).optMetadata(PT_FORMAT).build().write(weights, tensors);
        ShardIndex.removeStale(dir, library, variant);
        JsonFiles.write(dir.resolve(CONFIG_FILE), config);
        return new ComponentWeights(List.of(weights), null, Map.of(), variant);
    }
}
