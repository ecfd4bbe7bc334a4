package com.pokegen.engine.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Sharded checkpoints: {@code <name>.safetensors.index.json} holds
 * {@code {"metadata": {...}, "weight_map": {tensor: shard file}}}; the shards lie beside it and
 * together hold each tensor exactly once.
 */
final class ShardIndex {

    private ShardIndex() {}

    static ComponentWeights read(Path dir, Path index, String variant) throws IOException {
        ObjectNode json = JsonFiles.readObject(index);
        JsonNode map = json.get("weight_map");
        if (map == null || !map.isObject() || map.isEmpty()) {
            throw new SafetensorsFormatException(index + ": weight_map is missing or empty");
        }
        Map<String, String> weightMap = new LinkedHashMap<>();
        LinkedHashSet<String> shards = new LinkedHashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String shard = e.getValue().isTextual() ? e.getValue().asText() : "";
            if (!isPlainFileName(shard)) {
                throw SafetensorsFormatException.of(index, e.getKey(), "weight_map points to " + e.getValue()
                        + ", which is not a file name in this folder");
            }
            weightMap.put(e.getKey(), shard);
            if (shards.add(shard) && !Files.isRegularFile(dir.resolve(shard))) {
                throw SafetensorsFormatException.of(index, e.getKey(), "its shard " + shard
                        + " is missing from " + dir + ": the download or copy is incomplete");
            }
        }
        List<Path> files = shards.stream().map(dir::resolve).toList();
        return new ComponentWeights(files, index, weightMap, variant);
    }

    private static boolean isPlainFileName(String name) {
        return !name.isEmpty() && !name.contains("/") && !name.contains("\\") && !name.equals(".") && !name.equals("..");
    }

    /**
     * Every tensor's header info across the files; fails if a name occurs in two files or the
     * index and the shards disagree.
     */
    static Map<String, TensorInfo> tensorInfos(ComponentWeights weights) throws IOException {
        Map<String, TensorInfo> all = new LinkedHashMap<>();
        Map<String, Path> owner = new LinkedHashMap<>();
        for (Path file : weights.files()) {
            try (SafetensorsFile f = SafetensorsFile.open(file)) {
                for (TensorInfo info : f.infos().values()) {
                    Path previous = owner.putIfAbsent(info.name(), file);
                    if (previous != null) {
                        throw SafetensorsFormatException.of(file, info.name(), "also present in " + previous);
                    }
                    all.put(info.name(), info);
                }
            }
        }
        if (weights.isSharded()) {
            checkAgainstIndex(weights, owner);
        }
        return all;
    }

    private static void checkAgainstIndex(ComponentWeights weights, Map<String, Path> owner)
            throws SafetensorsFormatException {
        List<String> problems = new ArrayList<>();
        weights.weightMap().forEach((tensor, shard) -> {
            Path actual = owner.get(tensor);
            if (actual == null || !actual.getFileName().toString().equals(shard)) {
                problems.add("'" + tensor + "' is listed in " + shard + " but "
                        + (actual == null ? "no shard holds it" : "lies in " + actual.getFileName()));
            }
        });
        owner.forEach((tensor, file) -> {
            if (!weights.weightMap().containsKey(tensor)) {
                problems.add("'" + tensor + "' in " + file.getFileName() + " is not in weight_map");
            }
        });
        if (!problems.isEmpty()) {
            throw new SafetensorsFormatException(weights.index() + ": index and shards disagree ("
                    + problems.size() + " problem(s)): "
                    + String.join("; ", problems.subList(0, Math.min(5, problems.size()))));
        }
    }

    /** Deletes {@code library}'s shard index and shards of this variant, left by an earlier sharded save. */
    static void removeStale(Path dir, ComponentFolder.Library library, String variant) throws IOException {
        Files.deleteIfExists(dir.resolve(library.indexFileName(variant)));
        String prefix = library.weightsFileName(variant).replace(".safetensors", "");
        Pattern shard = Pattern.compile(Pattern.quote(prefix) + "-\\d{5}-of-\\d{5}\\.safetensors");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(p -> shard.matcher(p.getFileName().toString()).matches()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
