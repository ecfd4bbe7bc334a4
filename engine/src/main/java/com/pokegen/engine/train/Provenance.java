package com.pokegen.engine.train;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Where a checkpoint came from: versions of everything that can change its numbers. */
public final class Provenance {

    private Provenance() {}

    /**
     * What a run's spec and an exported model record: the resolved config, the dataset version,
     * the caller's {@code extras} (e.g. the teacher's id), then {@link #environment()}, in that key
     * order.
     */
    public static ObjectNode of(ObjectNode config, String datasetVersion, ObjectNode extras) {
        ObjectNode o = config.objectNode();
        o.set("config", config);
        o.put("dataset_version", datasetVersion);
        o.setAll(extras);
        o.set("environment", environment());
        return o;
    }

    /** Engine, library and platform versions as a JSON object. */
    public static ObjectNode environment() {
        ObjectNode o = new ObjectMapper().createObjectNode();
        Engine engine = Engine.getInstance();
        o.put("engine", engine.getEngineName());
        o.put("engine_version", engine.getVersion());
        o.put("djl_version", Engine.getDjlVersion());
        o.put("device", engine.defaultDevice().toString());
        o.put("java", System.getProperty("java.version"));
        o.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        o.put("threads", Runtime.getRuntime().availableProcessors());
        return o;
    }
}
