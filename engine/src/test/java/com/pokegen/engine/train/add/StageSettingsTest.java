package com.pokegen.engine.train.add;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageSettingsTest {

    @Test
    void everyStageHasDescribedFieldsPrefilledFromItsPreset() {
        for (String stage : StageSettings.stages()) {
            List<StageSettings.Field> fields = StageSettings.fields(stage);
            assertTrue(fields.size() >= 7, stage + ": " + fields);
            for (StageSettings.Field field : fields) {
                assertFalse(field.description().isBlank(), field.key());
                assertEquals(StageSettings.fields(stage).stream().filter(f -> f.key().equals(field.key())).count(), 1);
            }
        }
        StageSettings.Field steps = StageSettings.fields("add").get(0);
        assertEquals("steps", steps.key());
        assertEquals("1000", steps.defaultText());
        assertTrue(StageSettings.fields("add").stream().anyMatch(f -> f.key().equals("distill_weight") && f.defaultText().equals("2.5")));
        StageSettings.Field prompts = StageSettings.fields("teacher").stream().filter(StageSettings.Field::list).findFirst().orElseThrow();
        assertEquals("sample_prompts", prompts.key());
        assertEquals(4, prompts.defaultText().lines().count());
    }

    @Test
    void formTextResolvesThroughTheStageConfig() throws IOException {
        AddConfig add = (AddConfig) StageSettings.resolve("add", Map.of("steps", "12", "student_lr", "1e-4",
                "sample_prompts", "a fire pokemon\n\n  a water pokemon  ", "seed", " "));
        assertEquals(12, add.steps());
        assertEquals(1e-4f, add.studentLr());
        assertEquals(List.of("a fire pokemon", "a water pokemon"), add.samplePrompts());
        assertEquals(0, add.toJson().get("seed").asLong(), "blank keeps the preset");
        assertEquals(12, StageSettings.resolve("vae", Map.of("steps", "12")).steps());
    }

    @Test
    void refusedValuesNameTheField() {
        IOException words = assertThrows(IOException.class, () -> StageSettings.resolve("teacher", Map.of("batch_size", "many")));
        assertTrue(words.getMessage().contains("batch_size"), words.getMessage());
        IOException fraction = assertThrows(IOException.class, () -> StageSettings.resolve("teacher", Map.of("steps", "1.5")));
        assertTrue(fraction.getMessage().contains("steps"), fraction.getMessage());
        IOException zero = assertThrows(IOException.class, () -> StageSettings.resolve("vae", Map.of("steps", "0")));
        assertTrue(zero.getMessage().contains("steps"), zero.getMessage());
        IOException weights = assertThrows(IOException.class,
                () -> StageSettings.resolve("add", Map.of("adversarial_weight", "0", "distill_weight", "0")));
        assertTrue(weights.getMessage().contains("nothing trains the student"), weights.getMessage());
    }
}
