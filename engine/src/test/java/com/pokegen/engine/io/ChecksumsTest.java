package com.pokegen.engine.io;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumsTest {

    @Test
    void detectsAlteredAndMissingFiles(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("unet"));
        Files.writeString(dir.resolve("unet/config.json"), "{}");
        Files.writeString(dir.resolve("model_index.json"), "{\"a\": 1}");
        Checksums.write(dir);
        assertEquals("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
                Checksums.sha256(dir.resolve("unet/config.json"))); // sha256("{}")
        assertTrue(Files.readString(dir.resolve(Checksums.FILE)).contains("  unet/config.json\n"));
        assertDoesNotThrow(() -> Checksums.verify(dir));
        Files.writeString(dir.resolve("unet/config.json"), "{ }");
        IOException altered = assertThrows(IOException.class, () -> Checksums.verify(dir));
        assertTrue(altered.getMessage().contains("unet/config.json"), altered.getMessage());
        Files.delete(dir.resolve("unet/config.json"));
        IOException missing = assertThrows(IOException.class, () -> Checksums.verify(dir));
        assertTrue(missing.getMessage().contains("missing"), missing.getMessage());
    }

    /** Fingerprints (cache keys, model ids) are 16 hex digits of SHA-256 over names and bytes; values from hashlib. */
    @Test
    void fingerprintsHashNamesAndBytesOfExistingFiles(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.json"), "{}");
        Files.writeString(dir.resolve("b.txt"), "xy");
        assertEquals("a7949f5cf998f1a4", // sha256(b"a.json{}b.txtxy")[:16]
                Checksums.fingerprint(dir.resolve("a.json"), dir.resolve("missing.bin"), dir.resolve("b.txt")));
        assertEquals("bef57ec7f53a6d40", // sha256(b"abcdef")[:16]
                Checksums.fingerprint("abc".getBytes(StandardCharsets.UTF_8), "def".getBytes(StandardCharsets.UTF_8)));
    }
}
