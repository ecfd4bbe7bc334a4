package com.pokegen.engine.data.pack;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Function;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Extracts chosen regular files from a {@code .tgz} (links and other entry types are skipped). */
final class TarGz {

    private TarGz() {}

    /**
     * @param target maps an entry name to a path relative to {@code dest}, or {@code null} to skip it
     * @return number of files written
     */
    static int extract(Path tgz, Path dest, Function<String, String> target) throws IOException {
        int count = 0;
        Path root = dest.toAbsolutePath().normalize();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(tgz));
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                if (!e.isFile()) {
                    continue;
                }
                String rel = target.apply(e.getName());
                if (rel == null) {
                    continue;
                }
                Path out = root.resolve(rel).normalize();
                if (!out.startsWith(root)) {
                    throw new IOException(tgz + ": entry " + e.getName() + " would be written outside " + dest);
                }
                Files.createDirectories(out.getParent());
                Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                count++;
            }
        }
        return count;
    }
}
