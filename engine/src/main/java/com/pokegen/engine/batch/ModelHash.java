package com.pokegen.engine.batch;

import com.pokegen.engine.io.Checksums;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.stream.Stream;

/**
 * The identity a batch is bound to: SHA-256 over every file of the model folder (relative path
 * and bytes, sorted by path), shortened to 16 hex digits. Unlike {@code pokegen.json}'s id it
 * changes when anything that shapes the pixels changes (weights, configs, recommended settings).
 */
public final class ModelHash {

    private ModelHash() {}

    public static String of(Path modelDir) throws IOException {
        MessageDigest md = Checksums.newSha256();
        byte[] buf = new byte[1 << 16];
        for (Path f : files(modelDir)) {
            md.update(modelDir.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            try (InputStream in = Files.newInputStream(f)) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
            }
        }
        return "sha256:" + Checksums.shortHex(md);
    }

    // SHA256SUMS is derived from the other files; leaving it out keeps the hash the same with or without it
    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals(Checksums.FILE))
                    .sorted().toList();
        }
    }
}
