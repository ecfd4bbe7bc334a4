package com.pokegen.engine.model.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import com.pokegen.engine.io.ComponentFolder;
import com.pokegen.engine.io.SafetensorsFile;
import com.pokegen.engine.model.vae.AutoencoderKL;
import com.pokegen.engine.pipeline.TinyPipelines;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability issue: a safetensors file whose float tensors were relabelled as integers loaded
 * silently (and drew a flat image); now it is refused naming the tensor and the file.
 */
class RelabelledDtypeTest {

    @Test
    void aFloatParameterStoredAsIntegerIsRefused(@TempDir Path dir) throws Exception {
        Path vaeDir = dir.resolve("vae");
        try (NDManager m = NDManager.newBaseManager()) {
            AutoencoderKL vae = new AutoencoderKL(TinyPipelines.vaeConfig());
            vae.initialize(m);
            ComponentFolder.save(vaeDir, ComponentFolder.Library.DIFFUSERS, TinyPipelines.vaeConfig().toJson(),
                    StateDict.arrays(vae));
        }
        Path file = vaeDir.resolve("diffusion_pytorch_model.safetensors");
        relabelFirstF32AsI32(file);
        String tensor;
        try (SafetensorsFile f = SafetensorsFile.open(file)) {
            tensor = f.names().stream().filter(n -> f.info(n).dtype().name().equals("I32")).findFirst().orElseThrow();
        }
        try (NDManager m = NDManager.newBaseManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> AutoencoderKL.fromFolder(vaeDir, m, true));
            assertTrue(e.getMessage().startsWith(file + ": tensor '" + tensor + "' is stored as int32"), e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
        }
    }

    /** Edits the JSON header in place: same length, one dtype changed, data untouched. */
    private static void relabelFirstF32AsI32(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        int headerLength = (int) ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        String header = new String(bytes, 8, headerLength, StandardCharsets.UTF_8);
        String edited = header.replaceFirst("\"F32\"", "\"I32\"");
        assertTrue(!edited.equals(header), "the fixture stores F32 tensors");
        System.arraycopy(edited.getBytes(StandardCharsets.UTF_8), 0, bytes, 8, headerLength);
        Files.write(file, bytes);
    }
}
