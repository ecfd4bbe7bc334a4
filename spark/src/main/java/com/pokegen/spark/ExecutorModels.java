package com.pokegen.spark;

import com.pokegen.engine.batch.ImageRenderer;
import com.pokegen.engine.pipeline.DiffusionPipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One loaded model per executor JVM: tasks of every partition and every wave share it (DJL
 * inference on one pipeline is safe from several task threads). The pipeline stays loaded for
 * the executor's life, which is what a batch executor is for.
 */
final class ExecutorModels {

    private static final Map<String, ImageRenderer> RENDERERS = new ConcurrentHashMap<>();

    private ExecutorModels() {}

    static ImageRenderer renderer(String modelDir, String modelHash) {
        return RENDERERS.computeIfAbsent(modelHash + " " + modelDir, k -> {
            try {
                return new ImageRenderer(DiffusionPipeline.load(Path.of(modelDir)), modelHash);
            } catch (IOException e) {
                throw new UncheckedIOException("executor cannot load the model " + modelDir, e);
            }
        });
    }
}
