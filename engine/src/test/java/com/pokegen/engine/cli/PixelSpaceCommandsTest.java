package com.pokegen.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pokegen.engine.data.DatasetImporter;
import com.pokegen.engine.data.ImportOptions;
import com.pokegen.engine.pipeline.DiffusionPipeline;
import com.pokegen.engine.model.vae.PixelSpace;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chain in pixel space (no VAE): train-teacher with a 3-channel UNet preset and
 * re-framing augmentation → distill → generate, through the CLI. The folders record
 * {@code "vae": [null, null]}, hold no {@code vae/} and draw images at the UNet's own size.
 */
class PixelSpaceCommandsTest {

    private static final String PIXEL_UNET = """
            {"_class_name": "UNet2DConditionModel", "sample_size": 16, "in_channels": 3, "out_channels": 3,
             "layers_per_block": 1, "block_out_channels": [16, 32],
             "down_block_types": ["DownBlock2D", "CrossAttnDownBlock2D"],
             "up_block_types": ["CrossAttnUpBlock2D", "UpBlock2D"], "attention_head_dim": 2,
             "cross_attention_dim": 384, "norm_num_groups": 8}
            """;

    private static int run(String... args) {
        return PokegenCli.commandLine().execute(args);
    }

    @Test
    void teacherStudentAndGenerateWithoutVae(@TempDir Path dir) throws Exception {
        TrainingCommandsTest.writeDataset(dir.resolve("src"));
        Path data = dir.resolve("dataset");
        DatasetImporter.importFrom(dir.resolve("src"), data, ImportOptions.defaults(), (d, t, m) -> { }, () -> false);
        Path unetConfig = dir.resolve("unet.json");
        Files.writeString(unetConfig, PIXEL_UNET);

        assertEquals(0, run("train-teacher", "--data", data.toString(), "--run", dir.resolve("teacher").toString(),
                "--set", "model_preset=" + unetConfig, "--set", "resolution=16", "--set", "steps=2",
                "--set", "batch_size=2", "--set", "log_every=1", "--set", "sample_every=0",
                "--set", "checkpoint_every=0", "--set", "augment_variants=3"));
        Path teacher = dir.resolve("teacher/final");
        assertPixelFolder(teacher);

        assertEquals(0, run("distill", "--data", data.toString(), "--run", dir.resolve("student").toString(),
                "--teacher", teacher.toString(), "--set", "steps=2", "--set", "batch_size=2", "--set", "log_every=1",
                "--set", "sample_every=0", "--set", "head_channels=8", "--set", "diversity_every=0",
                "--set", "augment_variants=2"));
        Path student = dir.resolve("student/final");
        assertPixelFolder(student);

        assertEquals(0, run("generate", "--model", student.toString(), "--prompt", "a red pokemon", "--steps", "1",
                "--out", dir.resolve("out").toString()));
        try (Stream<Path> files = Files.list(dir.resolve("out"))) {
            Path png = files.filter(f -> f.getFileName().toString().endsWith(".png")
                    && !f.getFileName().toString().startsWith("contact")).findFirst().orElseThrow();
            BufferedImage img = ImageIO.read(png.toFile());
            assertEquals(16, img.getWidth(), "pixel space: the image is the UNet's sample_size, no upsampling decoder");
            assertEquals(16, img.getHeight());
        }
    }

    private static void assertPixelFolder(Path folder) throws Exception {
        JsonNode index = new ObjectMapper().readTree(folder.resolve("model_index.json").toFile());
        assertTrue(index.get("vae").get(0).isNull() && index.get("vae").get(1).isNull(),
                "model_index.json records no VAE: " + index.get("vae"));
        assertFalse(Files.exists(folder.resolve("vae")), "no vae/ folder in a pixel-space model");
        try (DiffusionPipeline p = DiffusionPipeline.load(folder)) {
            assertEquals(PixelSpace.RGB, p.codec());
        }
    }
}
