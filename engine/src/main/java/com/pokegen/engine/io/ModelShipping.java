package com.pokegen.engine.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Prepares a model folder for shipping in the repository: a copy whose floating-point weights are
 * stored as F16 (half the bytes; loaders widen them back to F32) with a {@link Checksums} file
 * verified on every load. The copy is built beside the target and renamed into place.
 *
 * <p>Nothing the user made is deleted: the target must be new, empty, or a previous ship (every
 * file listed in its {@code SHA256SUMS}); it may not overlap the source. With {@code overwrite}
 * a folder holding other files is shipped into, and only the previous ship's files are replaced.
 */
public final class ModelShipping {

    private ModelShipping() {}

    /** {@link #ship(Path, Path, boolean, boolean)} without {@code overwrite}. */
    public static void ship(Path src, Path dst, boolean fp16) throws IOException {
        ship(src, dst, fp16, false);
    }

    /**
     * Copies {@code src} to {@code dst}, F16 weights when {@code fp16}, then SHA256SUMS.
     *
     * @param overwrite ship into a folder that also holds files ship did not write (they are kept)
     * @throws IOException naming the folder and the fix when {@code dst} overlaps {@code src}, is a
     *     file, or holds foreign files without {@code overwrite}
     */
    public static void ship(Path src, Path dst, boolean fp16, boolean overwrite) throws IOException {
        if (!Files.isRegularFile(src.resolve("model_index.json"))) {
            throw new IOException(src + " is not a model folder (no model_index.json)");
        }
        Path source = src.toAbsolutePath().normalize();
        Path target = dst.toAbsolutePath().normalize();
        if (target.startsWith(source) || source.startsWith(target)) {
            throw new IOException("--out " + target + " overlaps --model " + source
                    + "; ship to a folder outside the model (and outside its run folder)");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("--out " + target + " is a file, not a folder; choose a folder path");
        }
        Set<String> ours = previousShip(target);
        Set<String> foreign = allFiles(target);
        foreign.removeAll(ours);
        if (!foreign.isEmpty() && !overwrite) {
            throw new IOException("--out " + target + " holds files ship did not write (" + sample(foreign)
                    + "); choose a new or empty folder, or pass --overwrite to ship beside them (they are kept)");
        }
        Path tmp = target.getParent().resolve("." + target.getFileName() + ".shipping");
        AtomicFiles.deleteTree(tmp);
        Files.createDirectories(tmp);
        try {
            copy(source, tmp, fp16);
            Checksums.write(tmp);
            if (foreign.isEmpty()) {
                replace(tmp, target);
            } else {
                merge(tmp, target, ours, foreign);
            }
        } finally {
            AtomicFiles.deleteTree(tmp);
        }
    }

    private static void copy(Path src, Path tmp, boolean fp16) throws IOException {
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
    }

    /** Swaps a new ship for an absent, empty or previously shipped folder (only our files in it). */
    private static void replace(Path tmp, Path target) throws IOException {
        if (!Files.exists(target)) {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        Path old = AtomicFiles.tempSibling(target);
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.deleteTree(old);
    }

    /**
     * Ships into a folder that also holds the user's files: ours move in one by one (each rename
     * atomic), the previous ship's leftovers go, SHA256SUMS comes last, foreign files stay.
     */
    private static void merge(Path tmp, Path target, Set<String> ours, Set<String> foreign) throws IOException {
        Set<String> fresh = allFiles(tmp);
        for (String name : fresh) {
            if (foreign.contains(name)) {
                throw new IOException("--out " + target + ": " + name + " was not written by ship and would be"
                        + " replaced; move it away or choose another folder");
            }
        }
        Files.deleteIfExists(target.resolve(Checksums.FILE)); // a half-merged folder must not verify
        fresh.remove(Checksums.FILE);
        for (String name : fresh) {
            Path to = target.resolve(name);
            Files.createDirectories(to.getParent());
            AtomicFiles.move(tmp.resolve(name), to);
        }
        for (String name : ours) {
            if (!fresh.contains(name)) {
                Files.deleteIfExists(target.resolve(name));
            }
        }
        AtomicFiles.move(tmp.resolve(Checksums.FILE), target.resolve(Checksums.FILE));
    }

    /** Relative paths a previous ship wrote into {@code dir}: its SHA256SUMS and the files listed. */
    private static Set<String> previousShip(Path dir) throws IOException {
        Set<String> ours = new TreeSet<>();
        Path sums = dir.resolve(Checksums.FILE);
        if (!Files.isRegularFile(sums)) {
            return ours;
        }
        ours.add(Checksums.FILE);
        for (String line : Files.readAllLines(sums, StandardCharsets.UTF_8)) {
            if (line.length() > 66 && line.startsWith("  ", 64)) {
                ours.add(line.substring(66));
            }
        }
        return ours;
    }

    /** Relative paths ('/'-separated) of every non-folder entry below {@code dir}. */
    private static Set<String> allFiles(Path dir) throws IOException {
        Set<String> names = new TreeSet<>();
        if (!Files.isDirectory(dir)) {
            return names;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .forEach(p -> names.add(dir.relativize(p).toString().replace('\\', '/')));
        }
        return names;
    }

    private static String sample(Set<String> names) {
        List<String> first = new ArrayList<>(names).subList(0, Math.min(3, names.size()));
        return String.join(", ", first) + (names.size() > 3 ? " and " + (names.size() - 3) + " more" : "");
    }

    private static void halve(Path in, Path out) throws IOException {
        try (NDManager m = NDManager.newBaseManager(); SafetensorsFile f = SafetensorsFile.open(in)) {
            Map<String, NDArray> tensors = f.loadAll(m); // integer tensors keep their type
            SafetensorsWriter.builder().optDtype(DataType.FLOAT16).optMetadata(f.metadata()).build().write(out, tensors);
        }
    }
}
