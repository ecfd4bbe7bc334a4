package com.pokegen.app.service.engine;

import com.pokegen.app.service.AbPair;
import com.pokegen.app.service.AbVote;
import com.pokegen.app.service.EvaluationReport;
import com.pokegen.app.service.Metric;
import com.pokegen.app.service.ModelRanking;
import com.pokegen.engine.eval.Comparison;
import com.pokegen.engine.eval.EvalReport;
import com.pokegen.engine.eval.HumanEvalStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A/B votes in the engine's SQLite store, Bradley–Terry ranks, and engine eval reports. */
class EngineEvaluationServiceTest {

    @TempDir
    Path eval;
    private final EngineEvaluationService service = new EngineEvaluationService();

    /** Three pairs of the student against the teacher, the student on alternating sides. */
    private void writePairs() throws IOException {
        Path ab = Files.createDirectories(eval.resolve("ab"));
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 3; i++) {
            boolean studentLeft = i % 2 == 1;
            lines.append(String.format("{\"id\":\"p%d\",\"prompt\":\"prompt %d\",\"left\":\"%s/%d.png\",\"right\":\"%s/%d.png\","
                            + "\"left_model\":\"%s\",\"right_model\":\"%s\"}%n", i, i,
                    studentLeft ? "student" : "teacher", i, studentLeft ? "teacher" : "student", i,
                    studentLeft ? "student@1" : "teacher@25", studentLeft ? "teacher@25" : "student@1"));
        }
        Files.writeString(ab.resolve("pairs.jsonl"), lines.toString());
    }

    @Test
    void votesGoIntoSqliteAndBradleyTerryRanksTheModels() throws IOException {
        writePairs();
        AbPair first = service.nextPair(eval).orElseThrow();
        assertEquals("p1", first.id());
        assertEquals(eval.resolve("ab/student/1.png"), first.left());

        service.recordVote(eval, first, AbVote.LEFT);           // student
        AbPair second = service.nextPair(eval).orElseThrow();
        assertEquals("p2", second.id(), "a voted pair is not shown again");
        service.recordVote(eval, second, AbVote.RIGHT);         // student
        service.recordVote(eval, service.nextPair(eval).orElseThrow(), AbVote.SKIP);
        assertEquals(Optional.empty(), service.nextPair(eval));

        try (HumanEvalStore store = HumanEvalStore.open(eval.resolve(EngineEvaluationService.STORE))) {
            List<Comparison> votes = store.list();
            assertEquals(3, votes.size());
            assertEquals("student@1", votes.get(0).modelA());
            assertEquals(Comparison.Preference.A, votes.get(0).preferred());
            assertEquals("ab/teacher/2.png", votes.get(1).imageA(), "images are stored relative to the evaluation folder");
            assertEquals(Comparison.Preference.B, votes.get(1).preferred());
            assertEquals(Comparison.Preference.SKIP, votes.get(2).preferred());
        }

        List<ModelRanking> ranking = service.ranking(eval);
        assertEquals(List.of("student@1", "teacher@25"), ranking.stream().map(ModelRanking::model).toList());
        assertTrue(ranking.get(0).strength() > ranking.get(1).strength());
        assertEquals(2, ranking.get(0).comparisons(), "skips do not count");
        assertTrue(ranking.get(0).elo() > 1000 && ranking.get(1).elo() < 1000);
    }

    @Test
    void pairsWithoutModelNamesUseTheirSides() throws IOException {
        Path ab = Files.createDirectories(eval.resolve("ab"));
        Files.writeString(ab.resolve("pairs.jsonl"), "{\"id\":\"p1\",\"prompt\":\"x\",\"left\":\"a1.png\",\"right\":\"b1.png\"}\n");
        service.recordVote(eval, service.nextPair(eval).orElseThrow(), AbVote.RIGHT);
        assertEquals("right", service.ranking(eval).get(0).model());
    }

    @Test
    void anEngineReportShowsOneNumberPerMetricVariantAndSteps() throws IOException {
        Files.createDirectories(eval.resolve("sheets"));
        Files.write(eval.resolve("sheets/pikachu-student.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        EvalReport report = new EvalReport("Student vs teacher", "runs/add-1", "2025-01-01T00:00:00Z", "abc", null,
                List.of(new EvalReport.Metric("student", 1, "in-domain FD", 12.5, Double.NaN, 64, 64, "pca", "bicubic", true),
                        new EvalReport.Metric("teacher", 25, "CLIP score", 0.31, Double.NaN, 64, 0, "clip", "bicubic", false)),
                List.of(new EvalReport.PromptSheet("pikachu", List.of(new EvalReport.SheetRow("student, 1 step",
                        List.of("sheets/pikachu-student.png", "data:image/png;base64,AAAA"))))),
                null, List.of());
        report.writeJson(eval.resolve("report.json"));

        EvaluationReport shown = service.readReport(eval);
        assertEquals(List.of(new Metric("in-domain FD · student, 1 step", 12.5), new Metric("CLIP score · teacher, 25 steps", 0.31)),
                shown.metrics());
        assertEquals(List.of(eval.resolve("sheets/pikachu-student.png")), shown.contactSheets());
    }

    @Test
    void anyOtherReportIsFlattened() throws IOException {
        Files.writeString(eval.resolve("report.json"), "{\"samples\": 128, \"fd\": {\"student\": 1.5}, \"note\": \"x\"}");
        assertEquals(List.of(new Metric("samples", 128), new Metric("fd.student", 1.5)), service.readReport(eval).metrics());
    }
}
