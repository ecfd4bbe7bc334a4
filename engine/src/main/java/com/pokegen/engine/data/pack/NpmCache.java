package com.pokegen.engine.data.pack;

import com.pokegen.engine.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A folder of verified npm tarballs. A tarball is fetched once; afterwards it is served from
 * the folder after re-checking its sha512 against the pinned integrity, with no network call.
 */
public final class NpmCache {

    private final Path dir;
    private final PackageFetcher fetcher;
    private final AtomicInteger fetches = new AtomicInteger();

    public NpmCache(Path dir, PackageFetcher fetcher) {
        this.dir = dir;
        this.fetcher = fetcher;
    }

    public Path dir() {
        return dir;
    }

    /** How many tarballs this cache has downloaded (network calls made). */
    public int fetchCount() {
        return fetches.get();
    }

    /** The verified tarball of {@code pkg}, downloading it only when the cache lacks a good copy. */
    public Path tarball(NpmPackage pkg) throws IOException {
        Path file = dir.resolve(pkg.tarballName());
        if (Files.isRegularFile(file) && sri(file).equals(pkg.integrity())) {
            return file;
        }
        Files.createDirectories(dir);
        Path staging = AtomicFiles.tempSibling(file);
        try {
            Files.createDirectories(staging);
            fetches.incrementAndGet();
            Path fetched = fetcher.fetch(pkg, staging);
            String actual = sri(fetched);
            if (!actual.equals(pkg.integrity())) {
                throw new IOException("integrity check failed for " + pkg.spec() + ": expected " + pkg.integrity()
                        + ", the download has " + actual + "; the registry copy or the network is not trustworthy");
            }
            AtomicFiles.move(fetched, file);
            return file;
        } finally {
            AtomicFiles.deleteTree(staging);
        }
    }

    /** The Subresource Integrity string ({@code sha512-BASE64}) of a file. */
    public static String sri(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return "sha512-" + Base64.getEncoder().encodeToString(md.digest());
    }
}
