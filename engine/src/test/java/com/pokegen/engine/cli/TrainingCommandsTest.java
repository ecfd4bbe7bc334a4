package com.pokegen.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pokegen.engine.data.DatasetImporter;
import com.pokegen.engine.data.ImportOptions;
import com.pokegen.engine.pipeline.DiffusionPipeline;
import com.pokegen.engine.train.EventLog;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole chain through the CLI on a tiny dataset: train-vae → train-teacher → distill → generate. */
class TrainingCommandsTest {

    private static final String TINY_UNET = """
            {"_class_name": "UNet2DConditionModel", "sample_size": 8, "in_channels": 4, "out_channels": 4,
             "layers_per_block": 1, "block_out_channels": [16, 32],
             "down_block_types": ["DownBlock2D", "CrossAttnDownBlock2D"],
             "up_block_types": ["CrossAttnUpBlock2D", "UpBlock2D"], "attention_head_dim": 2,
             "cross_attention_dim": 384, "norm_num_groups": 8}
            """;

    private static int run(String... args) {
        return PokegenCli.commandLine().execute(args);
    }

    static void writeDataset(Path src) throws Exception {
        Files.createDirectories(src.resolve("images"));
        Color[] colours = {Color.RED, Color.BLUE, Color.YELLOW, Color.GREEN};
        String[] names = {"red", "blue", "yellow", "green"};
        StringBuilder meta = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, 64, 64);
            g.setColor(colours[i]);
            g.fillOval(8 + i * 4, 8, 40, 40 - i * 6);
            g.dispose();
            ImageIO.write(img, "png", src.resolve("images/" + i + ".png").toFile());
            meta.append(String.format("{\"file_name\": \"images/%d.png\", \"text\": \"a %s pokemon\", \"text_fr\": \"un pokémon %s\"}%n",
                    i, names[i], names[i]));
        }
        Files.writeString(src.resolve("metadata.jsonl"), meta);
    }

    @Test
    void vaeTeacherStudentAndGenerate(@TempDir Path dir) throws Exception {
        writeDataset(dir.resolve("src"));
        Path data = dir.resolve("dataset");
        DatasetImporter.importFrom(dir.resolve("src"), data, ImportOptions.defaults(), (d, t, m) -> { }, () -> false);
        Path unetConfig = dir.resolve("unet.json");
        Files.writeString(unetConfig, TINY_UNET);

        assertEquals(0, run("train-vae", "--data", data.toString(), "--run", dir.resolve("vae").toString(),
                "--set", "resolution=32", "--set", "block_out_channels=[8,16]", "--set", "norm_num_groups=4",
                "--set", "steps=4", "--set", "batch_size=2", "--set", "log_every=2", "--set", "sample_every=0"));
        assertTrue(Files.exists(dir.resolve("vae/final/vae/config.json")));

        assertEquals(0, run("train-teacher", "--data", data.toString(), "--run", dir.resolve("teacher").toString(),
                "--vae", dir.resolve("vae/final").toString(), "--set", "model_preset=" + unetConfig,
                "--set", "resolution=32", "--set", "steps=3", "--set", "batch_size=2", "--set", "log_every=1",
                "--set", "sample_every=3", "--set", "sample_steps=2", "--set", "checkpoint_every=0",
                "--set", "sample_prompts=[\"a red pokemon\"]"));
        Path teacher = dir.resolve("teacher/final");
        List<JsonNode> events = EventLog.read(dir.resolve("teacher/events.jsonl"));
        assertEquals(3, events.stream().filter(e -> e.get("kind").asText().equals("train")).count());
        // 8 (= 2 seeds x 1 prompt ... ) tiles: the grid decodes as an image
        assertTrue(ImageIO.read(dir.resolve("teacher/samples/step-000003.png").toFile()).getWidth() > 0);
        try (DiffusionPipeline p = DiffusionPipeline.load(teacher)) {
            assertEquals("teacher", p.metadata().role());
        }
        // a second start into the same folder is refused (nothing the user made is lost)
        assertNotEquals(0, run("train-teacher", "--data", data.toString(), "--run", dir.resolve("teacher").toString(),
                "--vae", dir.resolve("vae/final").toString(), "--set", "model_preset=" + unetConfig));

        assertEquals(0, run("distill", "--data", data.toString(), "--run", dir.resolve("student").toString(),
                "--teacher", teacher.toString(), "--set", "steps=2", "--set", "batch_size=2", "--set", "log_every=1",
                "--set", "sample_every=2", "--set", "teacher_sample_steps=2", "--set", "head_channels=8",
                "--set", "diversity_every=1", "--set", "sample_prompts=[\"a blue pokemon\"]"));
        Path student = dir.resolve("student/final");
        JsonNode meta = new ObjectMapper().readTree(student.resolve("pokegen.json").toFile());
        assertEquals("student", meta.get("role").asText());
        assertEquals(0.0, meta.get("recommended").get("guidance").asDouble());
        assertEquals("EulerAncestralDiscreteScheduler",
                new ObjectMapper().readTree(student.resolve("scheduler/scheduler_config.json").toFile()).get("_class_name").asText());
        assertTrue(Files.exists(dir.resolve("student/samples/step-000002.png")));

        assertEquals(0, run("generate", "--model", student.toString(), "--prompt", "a red pokemon", "--out",
                dir.resolve("out").toString()));
        try (var files = Files.list(dir.resolve("out"))) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().endsWith(".png")));
        }
    }

    /** Fine-tuning an SD-style folder (CLIP text encoder + tokenizer) writes a folder diffusers' layout loads. */
    @Test
    void fineTunesADiffusersPipeline(@TempDir Path dir) throws Exception {
        writeDataset(dir.resolve("src"));
        Path data = dir.resolve("dataset");
        DatasetImporter.importFrom(dir.resolve("src"), data, ImportOptions.defaults(), (d, t, m) -> { }, () -> false);
        Path sd = Path.of("src/test/resources/fixtures/pipeline_tiny/pipeline");
        assertEquals(0, run("train-teacher", "--data", data.toString(), "--run", dir.resolve("ft").toString(),
                "--init", sd.toString(), "--set", "resolution=32", "--set", "steps=2", "--set", "batch_size=2",
                "--set", "learning_rate=1e-5", "--set", "sample_every=0", "--set", "checkpoint_every=0"));
        Path out = dir.resolve("ft/final");
        assertTrue(Files.exists(out.resolve("text_encoder/model.safetensors")));
        assertTrue(Files.exists(out.resolve("tokenizer/vocab.json")));
        try (DiffusionPipeline p = DiffusionPipeline.load(out)) {
            assertEquals(32, p.unet().config().blockOutChannels().get(0));
        }
    }
}
