package com.pokegen.engine.pipeline;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.io.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The shipped models' measured speed, {@code models/speed.json}: written by the engine's
 * {@code PipelineBenchmark} (shipped models, each with its {@code pokegen.json} recommendation,
 * prompt → PNG medians of one run), read by the studio's status bar and quoted by
 * {@code models/README.md}, so all three say the same figure.
 *
 * @param studentId the student folder's model id
 * @param teacherId the teacher folder's model id
 * @param teacherSettings how the teacher was sampled ("teacher 50 ddim steps, CFG 3.0")
 * @param teacherMs median prompt → PNG time of the teacher
 * @param student1StepMs median prompt → PNG time of the student at 1 step
 * @param studentRecommendedMs the same at the student's recommended steps
 * @param studentRecommendedSteps the student's recommended steps
 * @param threads the thread settings of the run
 * @param date the day of the run (ISO)
 */
public record ShippedSpeed(String studentId, String teacherId, String teacherSettings, double teacherMs,
        double student1StepMs, double studentRecommendedMs, int studentRecommendedSteps, String threads,
        String date) {

    public static final String FILE_NAME = "speed.json";

    public ShippedSpeed {
        if (!(teacherMs > 0) || !(student1StepMs > 0) || !(studentRecommendedMs > 0)) {
            throw new IllegalArgumentException("speed.json: times must be > 0 ms, got teacher " + teacherMs
                    + ", student " + student1StepMs + " / " + studentRecommendedMs);
        }
        if (studentRecommendedSteps < 1) {
            throw new IllegalArgumentException("speed.json: student_recommended_steps must be >= 1, got "
                    + studentRecommendedSteps);
        }
    }

    /** Teacher time over the 1-step student's. */
    public double speedUp1Step() {
        return teacherMs / student1StepMs;
    }

    /** Teacher time over the student's at its recommended steps. */
    public double speedUpRecommended() {
        return teacherMs / studentRecommendedMs;
    }

    /** One line for a status bar: "Student 1 step 31 ms, 36.2× faster than the teacher (4 steps: 13.4×)". */
    public String summary() {
        return String.format(Locale.ROOT, "Student 1 step %.0f ms, %.1f× faster than the teacher (%d steps: %.1f×)",
                student1StepMs, speedUp1Step(), studentRecommendedSteps, speedUpRecommended());
    }

    /** Reads {@code file}; empty when it does not exist. */
    public static Optional<ShippedSpeed> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        ObjectNode n = JsonFiles.readObject(file);
        try {
            return Optional.of(new ShippedSpeed(n.path("student").asText(), n.path("teacher").asText(),
                    n.path("teacher_settings").asText(), n.path("teacher_ms").asDouble(),
                    n.path("student_1_step_ms").asDouble(), n.path("student_recommended_ms").asDouble(),
                    n.path("student_recommended_steps").asInt(), n.path("threads").asText(), n.path("date").asText()));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Writes this record as JSON to {@code file}. */
    public void write(Path file) throws IOException {
        ObjectNode n = JsonFiles.MAPPER.createObjectNode();
        n.put("source", "engine/src/test/java/com/pokegen/engine/pipeline/PipelineBenchmark.java"
                + " (shippedModelsAsRecommended, -Dbench.record=true)");
        n.put("student", studentId);
        n.put("teacher", teacherId);
        n.put("teacher_settings", teacherSettings);
        n.put("teacher_ms", round1(teacherMs));
        n.put("student_1_step_ms", round1(student1StepMs));
        n.put("student_recommended_ms", round1(studentRecommendedMs));
        n.put("student_recommended_steps", studentRecommendedSteps);
        n.put("threads", threads);
        n.put("date", date);
        JsonFiles.write(file, n);
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
