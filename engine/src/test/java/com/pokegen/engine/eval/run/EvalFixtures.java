package com.pokegen.engine.eval.run;

import com.pokegen.engine.data.DatasetImporter;
import com.pokegen.engine.data.ImportOptions;
import com.pokegen.engine.pipeline.PokegenMetadata;
import com.pokegen.engine.pipeline.RecommendedSettings;
import com.pokegen.engine.pipeline.TinyPipelines;
import com.pokegen.engine.schedule.TimestepSpacing;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Tiny evaluation inputs: a six-item dataset of coloured circles and squares on white (English
 * and French captions), and random MiniLM teacher/student folders ({@link TinyPipelines}, 16 px)
 * whose pokegen.json say teacher (DDIM trailing, CFG 3) and student (ADD settings).
 */
public final class EvalFixtures {

    public static final String[] COLOURS = {"red", "blue", "yellow", "green", "pink", "orange"};
    private static final Color[] RGB = {Color.RED, Color.BLUE, Color.YELLOW, Color.GREEN, Color.MAGENTA, Color.ORANGE};

    private EvalFixtures() {}

    /** Imports the shapes into {@code dir/dataset} and returns that folder. */
    public static Path dataset(Path dir) throws IOException {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("images"));
        StringBuilder meta = new StringBuilder();
        for (int i = 0; i < RGB.length; i++) {
            BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, 32, 32);
            g.setColor(RGB[i]);
            if (i % 2 == 0) {
                g.fillOval(4 + i, 4, 20, 24 - i);
            } else {
                g.fillRect(6, 2 + i, 18 - i, 20);
            }
            g.dispose();
            ImageIO.write(img, "png", src.resolve("images/" + i + ".png").toFile());
            meta.append(String.format("{\"file_name\": \"images/%d.png\", \"text\": \"a %s %s pokemon\", \"text_fr\": \"un pokémon %s\"}%n",
                    i, COLOURS[i], i % 2 == 0 ? "round" : "square", COLOURS[i]));
        }
        Files.writeString(src.resolve("metadata.jsonl"), meta);
        Path data = dir.resolve("dataset");
        DatasetImporter.importFrom(src, data, ImportOptions.defaults(), (d, t, m) -> { }, () -> false);
        return data;
    }

    public static Path teacher(Path dir) throws IOException {
        return TinyPipelines.writeRandomMiniLm(dir.resolve("teacher"), 1, new PokegenMetadata("tiny-teacher", "teacher",
                null, new RecommendedSettings("ddim", TimestepSpacing.TRAILING, 50, null, 3.0), null));
    }

    public static Path student(Path dir) throws IOException {
        return TinyPipelines.writeRandomMiniLm(dir.resolve("student"), 2, new PokegenMetadata("tiny-student", "student",
                null, RecommendedSettings.ADD_STUDENT, null));
    }
}
