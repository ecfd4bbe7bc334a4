package com.pokegen.engine.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where a component folder's weights are: one safetensors file, or the shards named by a
 * {@code *.safetensors.index.json}.
 *
 * @param files the safetensors files to read, in order (one unless sharded)
 * @param index the shard index file, or null when not sharded
 * @param weightMap the index's {@code weight_map} (tensor name to shard file name); empty when not sharded
 * @param variant the variant in the file names ({@code "fp16"}), or null
 */
public record ComponentWeights(List<Path> files, Path index, Map<String, String> weightMap, String variant) {

    public ComponentWeights {
        files = List.copyOf(files);
        weightMap = Map.copyOf(weightMap);
    }

    public boolean isSharded() {
        return index != null;
    }

    /** The file that names these weights in messages: the index if sharded, else the single file. */
    public Path source() {
        return isSharded() ? index : files.get(0);
    }
}
