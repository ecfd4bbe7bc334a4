package com.pokegen.engine.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code SHA256SUMS} files in the {@code sha256sum} format ("HASH␠␠relative/path"), written for
 * shipped model folders and verified when they load, so a truncated or altered download fails
 * with the file's name instead of producing silent garbage.
 */
public final class Checksums {

    public static final String FILE = "SHA256SUMS";

    private Checksums() {}

    /** Hex SHA-256 of a file's bytes. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md = newSha256();
        update(md, file);
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * A short content identifier (cache keys, model ids): the first 16 hex digits of SHA-256 over
     * each file's name and bytes, in order; files that do not exist are skipped.
     */
    public static String fingerprint(Path... files) throws IOException {
        MessageDigest md = newSha256();
        for (Path f : files) {
            if (Files.isRegularFile(f)) {
                md.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                update(md, f);
            }
        }
        return shortHex(md);
    }

    /** The first 16 hex digits of SHA-256 over {@code parts}, concatenated. */
    public static String fingerprint(byte[]... parts) {
        MessageDigest md = newSha256();
        for (byte[] p : parts) {
            md.update(p);
        }
        return shortHex(md);
    }

    /** The first 16 hex digits of {@code md}'s digest (which resets it). */
    public static String shortHex(MessageDigest md) {
        return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    }

    /** A fresh SHA-256 digest (every JVM has one; its absence is a broken runtime). */
    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }

    private static void update(MessageDigest md, Path file) throws IOException {
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
    }

    /** Writes {@code dir/SHA256SUMS} over every regular file below {@code dir}, sorted by path. */
    public static void write(Path dir) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Path f : files(dir)) {
            sb.append(sha256(f)).append("  ").append(relative(dir, f)).append('\n');
        }
        AtomicFiles.writeString(dir.resolve(FILE), sb.toString());
    }

    /** True when the folder carries a checksum file. */
    public static boolean present(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE));
    }

    /** Checks every listed file; throws naming the first missing or altered one. */
    public static void verify(Path dir) throws IOException {
        Path sums = dir.resolve(FILE);
        for (String line : Files.readAllLines(sums, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            int sep = line.indexOf("  ");
            if (sep != 64) {
                throw new IOException(sums + ": malformed line '" + line + "' (expected 'SHA256  path')");
            }
            String name = line.substring(sep + 2);
            Path file = dir.resolve(name).normalize();
            if (!file.startsWith(dir.normalize())) {
                throw new IOException(sums + ": path '" + name + "' leaves the model folder");
            }
            if (!Files.isRegularFile(file)) {
                throw new IOException(dir + ": " + name + " is missing (listed in " + FILE + "); restore the model folder");
            }
            if (!sha256(file).equals(line.substring(0, sep))) {
                throw new IOException(dir + ": " + name + " does not match its SHA-256 in " + FILE
                        + " (damaged or modified); restore it from the repository or re-export the model");
            }
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals(FILE)).sorted().forEach(out::add);
        }
        return out;
    }

    private static String relative(Path dir, Path f) {
        return dir.relativize(f).toString().replace('\\', '/');
    }
}
