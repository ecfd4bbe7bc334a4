package com.pokegen.engine.pipeline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.pokegen.engine.io.Safetensors;
import com.pokegen.engine.model.nn.FloatTensor;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code fixtures/pipeline_tiny} files (see the README there) through the test class path. */
final class PipelineFixtures {

    static final String[] PROMPTS = {
        "a red fire type pokemon with wings", "petit pokémon rouge avec des ailes de feu"
    };

    private PipelineFixtures() {}

    static Path path(String relative) {
        URL url = PipelineFixtures.class.getResource("/fixtures/" + relative);
        if (url == null) {
            throw new IllegalStateException("missing test fixture fixtures/" + relative);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The diffusers folder written by StableDiffusionPipeline.save_pretrained. */
    static Path pipelineFolder() {
        return path("pipeline_tiny/pipeline");
    }

    /** Every tensor of runs.safetensors as plain Java. */
    static Map<String, FloatTensor> runs() throws IOException {
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        try (NDManager m = NDManager.newBaseManager()) {
            for (Map.Entry<String, NDArray> e : Safetensors.read(path("pipeline_tiny/runs.safetensors"), m).entrySet()) {
                out.put(e.getKey(), FloatTensor.of(e.getValue()));
            }
        }
        return out;
    }
}
