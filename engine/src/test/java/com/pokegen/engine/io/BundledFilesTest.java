package com.pokegen.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledFilesTest {

    @TempDir
    Path dir;

    private Path jar(String... namesAndContents) throws IOException {
        Path jar = dir.resolve("bundle.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                out.putNextEntry(new JarEntry(namesAndContents[i]));
                out.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void aJarResourceIsExtractedOnceAndReused() throws IOException {
        Path jar = jar("models/big.onnx", "weights weights weights");
        Path cache = dir.resolve("cache");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Path file = BundledFiles.extracted(loader, "/models/big.onnx", cache);
            assertNotNull(file);
            assertTrue(file.startsWith(cache.resolve(BundledFiles.FOLDER)), file.toString());
            assertTrue(file.getFileName().toString().endsWith("-big.onnx"), file.toString());
            assertArrayEquals("weights weights weights".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(file));

            FileTime written = FileTime.fromMillis(1_000_000L);
            Files.setLastModifiedTime(file, written);
            assertEquals(file, BundledFiles.extracted(loader, "models/big.onnx", cache));
            assertEquals(written, Files.getLastModifiedTime(file), "the second call reuses the file");

            assertNull(BundledFiles.extracted(loader, "models/missing.onnx", cache));
        }
    }

    @Test
    void librariesLandSideBySideUnderTheirOwnNames() throws IOException {
        Path jar = jar("native/linux/liba.so", "a", "native/linux/libb.so", "bb");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Path folder = BundledFiles.extractedFolder(loader, "/native/linux", "lib", dir.resolve("cache"),
                    "liba.so", "libb.so");
            assertNotNull(folder);
            assertEquals("a", Files.readString(folder.resolve("liba.so")));
            assertEquals("bb", Files.readString(folder.resolve("libb.so")));
            assertNull(BundledFiles.extractedFolder(loader, "native/linux", "lib", dir.resolve("cache"),
                    "liba.so", "libc.so"), "a missing library means no folder");
        }
    }

    @Test
    void aWriteFailureFallsBackToNull() throws IOException {
        Path jar = jar("x.bin", "x");
        Path blocked = Files.writeString(dir.resolve("not-a-folder"), "file in the way");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertNull(BundledFiles.extracted(loader, "x.bin", blocked));
        }
    }
}
