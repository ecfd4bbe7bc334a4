package com.pokegen.engine.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.io.AtomicFiles;
import com.pokegen.engine.io.Safetensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checkpoints as folders {@code checkpoints/step-NNNNNN/} holding one safetensors file per
 * named group (weights, ema, optimizer, ...) and {@code state.json} (step, cursor, provenance,
 * SHA-256 of every file).
 *
 * <p>Crash safety: everything is written into a temporary sibling ({@link AtomicFiles#writeFolder}),
 * {@code state.json} last, then the folder is renamed. A folder without a readable
 * {@code state.json} whose hashes match is not a checkpoint, so a write interrupted anywhere
 * never loads as valid.
 */
public final class Checkpoints {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STATE = "state.json";

    private Checkpoints() {}

    /** What a checkpoint holds: tensor groups and a free-form state object. */
    public record Checkpoint(Path dir, long step, Map<String, Map<String, NDArray>> groups, JsonNode state) {}

    /** Writes a checkpoint atomically and returns its folder. */
    public static Path save(Path checkpointsDir, long step, Map<String, Map<String, NDArray>> groups,
            ObjectNode state) throws IOException {
        Path dst = checkpointsDir.resolve(String.format("step-%06d", step));
        AtomicFiles.writeFolder(dst, tmp -> write(tmp, step, groups, state));
        return dst;
    }

    private static void write(Path dir, long step, Map<String, Map<String, NDArray>> groups, ObjectNode state)
            throws IOException {
        ObjectNode hashes = JSON.createObjectNode();
        for (Map.Entry<String, Map<String, NDArray>> g : groups.entrySet()) {
            Path file = dir.resolve(g.getKey() + ".safetensors");
            Safetensors.write(file, g.getValue(), Map.of("step", Long.toString(step)));
            hashes.put(file.getFileName().toString(), sha256(file));
        }
        ObjectNode full = state.deepCopy();
        full.put("step", step);
        full.set("files", hashes);
        full.set("provenance", Provenance.environment());
        AtomicFiles.writeString(dir.resolve(STATE), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(full));
    }

    /** The newest valid checkpoint, skipping incomplete or corrupted ones. */
    public static Optional<Path> latest(Path checkpointsDir) throws IOException {
        List<Path> dirs = stepFolders(checkpointsDir);
        dirs.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
        for (Path d : dirs) {
            if (isValid(d)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** Names of every {@code step-NNNNNN} folder, valid or not, oldest first. */
    public static List<String> folders(Path checkpointsDir) throws IOException {
        return stepFolders(checkpointsDir).stream().map(p -> p.getFileName().toString()).sorted().toList();
    }

    /** The step a checkpoint folder's name says. */
    public static long step(Path dir) {
        return Long.parseLong(dir.getFileName().toString().substring("step-".length()));
    }

    private static List<Path> stepFolders(Path checkpointsDir) throws IOException {
        List<Path> dirs = new ArrayList<>();
        if (!Files.isDirectory(checkpointsDir)) {
            return dirs;
        }
        try (Stream<Path> s = Files.list(checkpointsDir)) {
            s.filter(p -> p.getFileName().toString().matches("step-\\d{6,}")).forEach(dirs::add);
        }
        return dirs;
    }

    /** True when {@code state.json} exists and every listed file has its recorded hash. */
    public static boolean isValid(Path dir) {
        try {
            JsonNode state = JSON.readTree(dir.resolve(STATE).toFile());
            JsonNode files = state.get("files");
            if (files == null || !state.has("step")) {
                return false;
            }
            for (var it = files.fields(); it.hasNext(); ) {
                var e = it.next();
                if (!sha256(dir.resolve(e.getKey())).equals(e.getValue().asText())) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Loads a checkpoint's tensors into {@code manager}. */
    public static Checkpoint load(Path dir, NDManager manager) throws IOException {
        if (!isValid(dir)) {
            throw new IOException(dir + ": not a complete checkpoint (state.json missing or a file's "
                    + "SHA-256 differs); use an earlier checkpoint");
        }
        JsonNode state = JSON.readTree(dir.resolve(STATE).toFile());
        Map<String, Map<String, NDArray>> groups = new LinkedHashMap<>();
        for (var it = state.get("files").fieldNames(); it.hasNext(); ) {
            String file = it.next();
            String group = file.substring(0, file.length() - ".safetensors".length());
            groups.put(group, Safetensors.read(dir.resolve(file), manager));
        }
        return new Checkpoint(dir, state.get("step").asLong(), groups, state);
    }

    static String sha256(Path file) throws IOException {
        return com.pokegen.engine.io.Checksums.sha256(file);
    }
}
