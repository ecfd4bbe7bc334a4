package com.pokegen.app.evaluation;

import com.pokegen.app.service.AbVote;
import com.pokegen.app.service.Metric;
import com.pokegen.app.service.engine.EngineEvaluationService;
import com.pokegen.app.service.local.LocalEvaluationService;
import com.pokegen.app.task.CurrentThreadTaskExecutor;
import com.pokegen.app.testing.Fixtures;
import com.pokegen.app.testing.RecordingDialogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvaluationViewModelTest {

    @TempDir
    Path dir;
    private final RecordingDialogs dialogs = new RecordingDialogs();

    private EvaluationViewModel open(Path folder) {
        EvaluationViewModel viewModel = new EvaluationViewModel(new LocalEvaluationService(),
                new CurrentThreadTaskExecutor(), dialogs);
        viewModel.open(folder);
        return viewModel;
    }

    @Test
    void flattensEveryNumberOfTheReport() {
        EvaluationViewModel viewModel = open(Fixtures.copy("/eval/demo", dir.resolve("eval")));
        assertEquals(List.of(new Metric("samples", 128), new Metric("in_domain_fd.student_1step", 138.2),
                new Metric("in_domain_fd.student_4step", 101.0), new Metric("in_domain_fd.teacher_50step_cfg3", 757.5),
                new Metric("speed_ms.student_1step", 11.7), new Metric("per_seed[0]", 0.5),
                new Metric("per_seed[1]", 0.25)), viewModel.metrics());
        assertEquals(List.of("student-1step.png", "teacher-50steps.png"),
                viewModel.contactSheets().stream().map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void votesAreRecordedAndTheNextPairFollows() throws IOException {
        Path eval = Fixtures.copy("/eval/demo", dir.resolve("eval"));
        EvaluationViewModel viewModel = open(eval);
        assertEquals("p1", viewModel.pairProperty().get().id());
        assertEquals(eval.resolve("ab/a1.png"), viewModel.pairProperty().get().left());

        viewModel.vote(AbVote.RIGHT);
        assertEquals("p2", viewModel.pairProperty().get().id());
        viewModel.vote(AbVote.SKIP);
        assertNull(viewModel.pairProperty().get());
        assertEquals(2, viewModel.votesProperty().get());
        assertEquals("All pairs voted: thank you", viewModel.abStatusProperty().get());

        List<String> lines = Files.readAllLines(eval.resolve("ab/votes.jsonl"));
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).startsWith("{\"id\":\"p1\",\"vote\":\"right\""), lines.get(0));
        assertTrue(lines.get(1).startsWith("{\"id\":\"p2\",\"vote\":\"skip\""), lines.get(1));

        EvaluationViewModel reopened = open(eval);
        assertNull(reopened.pairProperty().get(), "votes persist: nothing left to vote on");
        assertEquals("No A/B pairs waiting in this folder", reopened.abStatusProperty().get());
    }

    @Test
    void engineVotesRankTheSidesAfterEachVote() {
        Path eval = Fixtures.copy("/eval/demo", dir.resolve("eval"));
        EvaluationViewModel viewModel = new EvaluationViewModel(new EngineEvaluationService(),
                new CurrentThreadTaskExecutor(), dialogs);
        viewModel.open(eval);
        assertEquals("", viewModel.rankingProperty().get(), "no ranking before the first vote");

        viewModel.vote(AbVote.RIGHT);
        viewModel.vote(AbVote.RIGHT);
        assertNull(viewModel.pairProperty().get());
        String ranking = viewModel.rankingProperty().get();
        assertTrue(ranking.startsWith("Ranking by votes (Bradley–Terry): 1. right (Elo "), ranking);
        assertTrue(ranking.contains(", 2 votes) · 2. left (Elo "), ranking);
        assertTrue(Files.exists(eval.resolve(EngineEvaluationService.STORE)), "votes live in the SQLite store");
    }

    @Test
    void missingReportIsAReadableError() {
        EvaluationViewModel viewModel = open(dir);
        assertEquals(1, dialogs.errors.size());
        assertTrue(dialogs.errors.get(0).contains("no report.json: run ./pokegen eval first"), dialogs.errors.get(0));
        assertTrue(viewModel.metrics().isEmpty());
    }
}
