package com.pokegen.engine.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pokegen.engine.io.Checksums;
import com.pokegen.engine.io.ModelShipping;
import com.pokegen.engine.io.SafetensorsFile;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelShippingTest {

    private static float[] image(Path model) throws IOException {
        try (DiffusionPipeline p = DiffusionPipeline.load(model)) {
            GenerationRequest r = GenerationRequest.builder().setPrompts(java.util.List.of("a red pokemon"))
                    .setSeeds(3).optSteps(2).build();
            return TextToImage.of(p).generate(r).images().data();
        }
    }

    @Test
    void halvesWeightsKeepsImagesAndRefusesTampering(@TempDir Path dir) throws IOException {
        Path src = TinyPipelines.writeRandomClip(dir.resolve("src"), 4);
        Path shipped = dir.resolve("models/tiny");
        ModelShipping.ship(src, shipped, true);
        Path unet = shipped.resolve("unet/diffusion_pytorch_model.safetensors");
        try (SafetensorsFile f = SafetensorsFile.open(unet)) {
            assertEquals("F16", f.info(f.names().get(0)).dtype().name());
        }
        assertTrue(Files.size(unet) < Files.size(src.resolve("unet/diffusion_pytorch_model.safetensors")) * 0.55);
        float[] a = image(src);
        float[] b = image(shipped);
        double maxDiff = 0;
        for (int i = 0; i < a.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
        }
        assertTrue(maxDiff < 0.02, "fp16 storage changed pixels by " + maxDiff);
        try (RandomAccessFile f = new RandomAccessFile(unet.toFile(), "rw")) {
            f.seek(f.length() - 2);
            f.write(0x11);
        }
        IOException e = assertThrows(IOException.class, () -> DiffusionPipeline.load(shipped));
        assertTrue(e.getMessage().contains("unet/diffusion_pytorch_model.safetensors") && e.getMessage().contains(Checksums.FILE),
                e.getMessage());
    }
}
