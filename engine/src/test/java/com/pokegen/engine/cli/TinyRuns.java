package com.pokegen.engine.cli;

import com.pokegen.engine.data.DatasetImporter;
import com.pokegen.engine.data.ImportOptions;
import com.pokegen.engine.train.TinyLatentSets;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** A two-image dataset and the CLI arguments of a VAE run that trains on it in about a second. */
public final class TinyRuns {

    private TinyRuns() {}

    /** Imports two 32-pixel shapes into {@code dir/data} and returns that dataset folder. */
    public static Path dataset(Path dir) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/images"));
        StringBuilder meta = new StringBuilder();
        for (int i = 0; i < 2; i++) {
            ImageIO.write(TinyLatentSets.onWhite(32, i == 0 ? Color.RED : Color.BLUE, g -> g.fillOval(4, 4, 20, 20)),
                    "png", src.resolve(i + ".png").toFile());
            meta.append(String.format("{\"file_name\": \"images/%d.png\", \"text\": \"shape %d\"}%n", i, i));
        }
        Files.writeString(dir.resolve("src/metadata.jsonl"), meta);
        Path data = dir.resolve("data");
        DatasetImporter.importFrom(dir.resolve("src"), data, ImportOptions.defaults(), (d, t, m) -> { }, () -> false);
        return data;
    }

    /** {@code train-vae} on {@code data} into {@code run}: 4 steps, checkpoints every 2, then {@code extra}. */
    public static String[] trainVae(Path data, Path run, String... extra) {
        List<String> args = new ArrayList<>(List.of("train-vae", "--data", data.toString(), "--run", run.toString(),
                "--set", "resolution=16", "--set", "block_out_channels=[4,8]", "--set", "norm_num_groups=2",
                "--set", "steps=4", "--set", "batch_size=2", "--set", "log_every=1", "--set", "sample_every=0",
                "--set", "checkpoint_every=2"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    /** Copies a folder tree (a trained run) so each test can damage its own copy. */
    public static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                }
            }
        }
        return to;
    }
}
