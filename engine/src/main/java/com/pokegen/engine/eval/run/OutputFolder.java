package com.pokegen.engine.eval.run;

import com.pokegen.engine.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks and swaps whole output folders, so nothing the user made is replaced by accident. */
final class OutputFolder {

    private OutputFolder() {}

    /**
     * Fails before any work when {@code dir} is a file, cannot be created, or is a non-empty
     * folder and {@code overwrite} is off.
     *
     * @param flag the option that names the folder, for the message
     */
    static void check(Path dir, boolean overwrite, String flag) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException(flag + " " + dir + " is a file; give a folder");
        }
        if (Files.isDirectory(dir) && !isEmpty(dir) && !overwrite) {
            throw new IOException(flag + " " + dir + " already exists and is not empty; choose another folder or pass"
                    + " --overwrite");
        }
        Path existing = dir.toAbsolutePath().normalize();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            throw new IOException(flag + " " + dir + " cannot be written (" + existing + " is not a writable folder)");
        }
    }

    /** Moves the fully written folder {@code built} onto {@code target}, replacing what was there. */
    static void replace(Path built, Path target) throws IOException {
        if (Files.exists(target)) {
            Path old = AtomicFiles.tempSibling(target);
            Files.move(target, old);
            try {
                Files.move(built, target);
            } catch (IOException e) {
                Files.move(old, target); // put the previous folder back
                throw e;
            }
            AtomicFiles.deleteTree(old);
        } else {
            Files.move(built, target);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            return !s.iterator().hasNext();
        }
    }
}
