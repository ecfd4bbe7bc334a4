package com.pokegen.engine.eval.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Accepts a diffusers model folder or a run folder whose {@code final/} holds one. */
final class ModelFolders {

    static final String INDEX = "model_index.json";

    private ModelFolders() {}

    /** @param flag the option that named the folder, for the message */
    static Path resolve(Path dir, String flag) throws IOException {
        if (Files.isRegularFile(dir.resolve(INDEX))) {
            return dir;
        }
        Path fin = dir.resolve("final");
        if (Files.isRegularFile(fin.resolve(INDEX))) {
            return fin;
        }
        throw new IOException(flag + " " + dir + ": neither a model folder (no " + INDEX + ") nor a run folder with a"
                + " finished model in final/; give the folder a training run exported");
    }
}
