package com.pokegen.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProvenanceTest {

    /** spec.json and pokegen.json keep their key order: config, dataset version, extras, environment. */
    @Test
    void recordsConfigDatasetExtrasAndEnvironmentInOrder() {
        ObjectNode config = new ObjectMapper().createObjectNode().put("steps", 3);
        ObjectNode p = Provenance.of(config, "v1", config.objectNode().put("teacher", "t"));
        List<String> keys = new ArrayList<>();
        p.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("config", "dataset_version", "teacher", "environment"), keys);
        assertEquals(3, p.get("config").get("steps").asInt());
        assertEquals("v1", p.get("dataset_version").asText());
        assertEquals("PyTorch", p.get("environment").get("engine").asText());
    }
}
