package com.pokegen.engine.io;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;

/**
 * Large class-path resources as plain files: a resource inside a jar is extracted once into
 * {@code UserCache.root()/bundled/}, named by the jar entry's CRC-32 and size (read from the jar's
 * directory, so checking costs no inflate), and reused by every later start; a resource that is
 * already a file is returned as is. Writes are atomic, so concurrent starts never see half a file.
 */
public final class BundledFiles {

    static final String FOLDER = "bundled";

    private BundledFiles() {}

    /**
     * The resource {@code name} of {@code owner}'s class loader as a file, or null when it cannot
     * be had as one (no such resource, an unusual URL, or a cache that cannot be written): the
     * caller then reads the resource as a stream.
     */
    public static Path extracted(Class<?> owner, String name) {
        return extracted(loader(owner), name, UserCache.root());
    }

    /** As {@link #extracted(Class, String)} with an explicit loader and cache root (tests). */
    static Path extracted(ClassLoader loader, String name, Path cacheRoot) {
        String path = name.startsWith("/") ? name.substring(1) : name;
        URL url = loader.getResource(path);
        if (url == null) {
            return null;
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return Path.of(url.toURI());
            }
            JarEntry entry = jarEntry(url);
            if (entry == null) {
                return null;
            }
            Path target = cacheRoot.resolve(FOLDER).resolve(key(entry) + "-" + baseName(path));
            return extract(loader, path, entry, target) ? target : null;
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return null; // a read-only home or odd class loader: the caller streams the resource
        }
    }

    /**
     * The resources {@code folder + "/" + names[i]} extracted together, under their own names,
     * into one folder named after {@code label} and the first entry's CRC-32 and size (native
     * libraries that must sit side by side); null when any cannot be had as a file.
     */
    public static Path extractedFolder(Class<?> owner, String folder, String label, String... names) {
        return extractedFolder(loader(owner), folder, label, UserCache.root(), names);
    }

    /** As {@link #extractedFolder(Class, String, String, String...)} with an explicit loader and root. */
    static Path extractedFolder(ClassLoader loader, String folder, String label, Path cacheRoot, String... names) {
        String base = folder.startsWith("/") ? folder.substring(1) : folder;
        try {
            Path dir = null;
            for (String n : names) {
                String path = base + "/" + n;
                URL url = loader.getResource(path);
                JarEntry entry = url == null ? null : jarEntry(url);
                if (entry == null) {
                    return null;
                }
                if (dir == null) {
                    dir = cacheRoot.resolve(FOLDER).resolve(label + "-" + key(entry));
                }
                if (!extract(loader, path, entry, dir.resolve(n))) {
                    return null;
                }
            }
            return dir;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static ClassLoader loader(Class<?> owner) {
        ClassLoader loader = owner.getClassLoader();
        return loader != null ? loader : ClassLoader.getSystemClassLoader();
    }

    private static JarEntry jarEntry(URL url) throws IOException {
        URLConnection connection = url.openConnection();
        if (!(connection instanceof JarURLConnection)) {
            return null;
        }
        JarEntry entry = ((JarURLConnection) connection).getJarEntry();
        return entry == null || entry.getSize() < 0 || entry.getCrc() < 0 ? null : entry;
    }

    private static String key(JarEntry entry) {
        return String.format("%08x-%d", entry.getCrc(), entry.getSize());
    }

    private static String baseName(String name) {
        return name.substring(name.lastIndexOf('/') + 1);
    }

    /** True when {@code target} holds the entry (already, or written now). */
    private static boolean extract(ClassLoader loader, String name, JarEntry entry, Path target) throws IOException {
        if (Files.isRegularFile(target) && Files.size(target) == entry.getSize()) {
            return true;
        }
        Files.createDirectories(target.getParent());
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                return false;
            }
            AtomicFiles.write(target, in::transferTo);
        }
        return Files.size(target) == entry.getSize();
    }
}
