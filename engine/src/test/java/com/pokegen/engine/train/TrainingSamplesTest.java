package com.pokegen.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.pokegen.engine.model.unet.Fixtures;
import com.pokegen.engine.pipeline.DiffusionPipeline;
import com.pokegen.engine.pipeline.RecommendedSettings;
import com.pokegen.engine.train.add.AddConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingSamplesTest {

    /** pokegen.json recommends what the student was trained for: up to student_steps steps. */
    @Test
    void exportedStudentRecommendsItsOwnStepCount(@TempDir Path dir) throws Exception {
        AddConfig c = AddConfig.of(new ObjectMapper().createObjectNode().put("student_steps", 8));
        try (DiffusionPipeline teacher = DiffusionPipeline.load(Fixtures.PIPELINE)) {
            TrainingSamples.studentExporter(c, teacher, "v-test").export(teacher.unet(), dir.resolve("student"));
        }
        try (DiffusionPipeline student = DiffusionPipeline.load(dir.resolve("student"))) {
            RecommendedSettings r = student.metadata().recommended();
            assertEquals(RecommendedSettings.addStudent(8), r);
            assertEquals(8, r.maxSteps());
        }
    }
}
