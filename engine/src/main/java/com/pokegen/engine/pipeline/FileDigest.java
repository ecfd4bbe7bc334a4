package com.pokegen.engine.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 over files (name and bytes), for identifying a model folder in image sidecars. */
final class FileDigest {

    private FileDigest() {}

    /** {@code sha256:} + the first 16 hex digits over the files that exist, in order. */
    static String of(Path... files) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
        byte[] buf = new byte[1 << 16];
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                continue;
            }
            md.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
            try (InputStream in = Files.newInputStream(f)) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
            }
        }
        return "sha256:" + HexFormat.of().formatHex(md.digest()).substring(0, 16);
    }
}
