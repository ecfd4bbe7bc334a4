package com.pokegen.engine.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Prepares a model folder for shipping in the repository: a copy whose floating-point weights are
 * stored as F16 (half the bytes; loaders widen them back to F32) with a {@link Checksums} file
 * verified on every load. The copy is built beside the target and renamed into place.
 */
public final class ModelShipping {

    private ModelShipping() {}

    /** Copies {@code src} to {@code dst} (replacing it), F16 weights when {@code fp16}, then SHA256SUMS. */
    public static void ship(Path src, Path dst, boolean fp16) throws IOException {
        if (!Files.isRegularFile(src.resolve("model_index.json"))) {
            throw new IOException(src + " is not a model folder (no model_index.json)");
        }
        Path parent = dst.toAbsolutePath().normalize().getParent();
        Files.createDirectories(parent);
        Path tmp = parent.resolve("." + dst.getFileName() + ".shipping");
        deleteTree(tmp);
        List<Path> files;
        try (Stream<Path> s = Files.walk(src)) {
            files = s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals(Checksums.FILE)).toList();
        }
        for (Path f : files) {
            Path out = tmp.resolve(src.relativize(f).toString());
            Files.createDirectories(out.getParent());
            if (fp16 && f.getFileName().toString().endsWith(".safetensors")) {
                halve(f, out);
            } else {
                Files.copy(f, out, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Checksums.write(tmp);
        deleteTree(dst);
        Files.move(tmp, dst, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void halve(Path in, Path out) throws IOException {
        try (NDManager m = NDManager.newBaseManager(); SafetensorsFile f = SafetensorsFile.open(in)) {
            Map<String, NDArray> tensors = f.loadAll(m); // integer tensors keep their type
            SafetensorsWriter.builder().optDtype(DataType.FLOAT16).optMetadata(f.metadata()).build().write(out, tensors);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }
}
