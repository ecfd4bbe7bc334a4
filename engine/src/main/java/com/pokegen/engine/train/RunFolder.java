package com.pokegen.engine.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folder of one training run, the unit the CLI writes and the studio watches:
 *
 * <pre>
 * runs/NAME/spec.json                    resolved config (written once, atomically)
 * runs/NAME/events.jsonl                 one JSON object per logged event ({@link EventLog})
 * runs/NAME/samples/step-NNNNNN.png      sample grids from fixed prompts and seeds
 * runs/NAME/checkpoints/step-NNNNNN/     weights, EMA, optimiser, state.json ({@link Checkpoints})
 * runs/NAME/final/                       diffusers layout
 * </pre>
 */
public record RunFolder(Path root) {

    public static RunFolder create(Path root) throws IOException {
        Files.createDirectories(root.resolve("samples"));
        Files.createDirectories(root.resolve("checkpoints"));
        return new RunFolder(root);
    }

    public Path spec() {
        return root.resolve("spec.json");
    }

    public Path events() {
        return root.resolve("events.jsonl");
    }

    public Path samples() {
        return root.resolve("samples");
    }

    public Path sampleGrid(long step) {
        return samples().resolve(String.format("step-%06d.png", step));
    }

    public Path checkpoints() {
        return root.resolve("checkpoints");
    }

    public Path finalModel() {
        return root.resolve("final");
    }
}
