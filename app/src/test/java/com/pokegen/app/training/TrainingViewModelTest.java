package com.pokegen.app.training;

import com.pokegen.app.service.RunInfo;
import com.pokegen.app.service.local.LocalRunService;
import com.pokegen.app.task.CurrentThreadTaskExecutor;
import com.pokegen.app.testing.Fixtures;
import com.pokegen.app.testing.ManualScheduler;
import com.pokegen.app.testing.RecordingDialogs;
import com.pokegen.engine.train.RunLock;
import javafx.scene.chart.XYChart;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingViewModelTest {

    @TempDir
    Path dir;
    private ManualScheduler scheduler;
    private RecordingDialogs dialogs;
    private TrainingViewModel viewModel;
    private Path run;

    @BeforeEach
    void setUp() {
        run = Fixtures.copy("/runs/add-demo", dir.resolve("runs").resolve("add-demo"));
        scheduler = new ManualScheduler();
        dialogs = new RecordingDialogs();
        // the folder service plus the lock check the engine-backed service adds
        viewModel = new TrainingViewModel(new LocalRunService(dir.resolve("runs")) {
            @Override
            public boolean isLocked(RunInfo r) {
                return RunLock.holder(r.folder()).isPresent();
            }
        }, new CurrentThreadTaskExecutor(), scheduler, dialogs);
    }

    private List<Integer> pointCounts() {
        return viewModel.lossSeries().stream().map(series -> series.getData().size()).toList();
    }

    @Test
    void openingTheFixturePlotsOneSeriesPerLossTerm() {
        viewModel.openFolder(run);

        assertEquals(List.of("loss", "adv", "distill", "d_loss"),
                viewModel.lossSeries().stream().map(XYChart.Series::getName).toList());
        assertEquals(List.of(10, 10, 10, 9), pointCounts());
        XYChart.Data<Number, Number> first = viewModel.lossSeries().get(0).getData().get(0);
        assertEquals(10L, first.getXValue().longValue());
        assertEquals(1.0, first.getYValue().doubleValue());
        assertEquals(run.resolve("samples/step-000100.png"), viewModel.latestSampleProperty().get());
        assertEquals(100, viewModel.stepProperty().get());
        assertEquals("100 / 200", viewModel.stepTextProperty().get());
        assertEquals(0.5, viewModel.progressProperty().get());
        assertEquals("4m 11s", viewModel.etaTextProperty().get(), "251 s for 100 steps, 100 to go");
        assertEquals(RunStatus.RUNNING, viewModel.statusProperty().get());
        assertEquals("checkpoints/step-000100", viewModel.lastCheckpointProperty().get());
        assertEquals(List.of("Step 70: grad norm spiked to 12.0"), viewModel.warnings());
        assertTrue(dialogs.errors.isEmpty());
    }

    @Test
    void pollingPicksUpAppendedLinesOncePartialLineCompletes() throws IOException {
        viewModel.openFolder(run);
        scheduler.advance(Duration.ofSeconds(2));
        assertEquals(List.of(10, 10, 10, 9), pointCounts(), "partial line at step 110 still ignored");

        append("in\", \"elapsed_s\": 275.0, \"losses\": {\"loss\": 0.09, \"adv\": 0.6, \"distill\": 0.03, \"d_loss\": 1.2}}\n");
        scheduler.advance(TrainingViewModel.POLL_PERIOD);
        assertEquals(List.of(11, 11, 11, 10), pointCounts());
        assertEquals(110, viewModel.stepProperty().get());

        append("{\"step\": 110, \"kind\": \"done\"}\n");
        scheduler.advance(TrainingViewModel.POLL_PERIOD);
        assertEquals(RunStatus.FINISHED, viewModel.statusProperty().get());
        assertEquals("–", viewModel.etaTextProperty().get());
    }

    /** Reliability issue: a run whose folder a training has locked shows as running before its first step. */
    @Test
    void aLockedRunShowsAsRunningBeforeItsFirstStep() throws IOException {
        Path fresh = Files.createDirectories(dir.resolve("runs/fresh"));
        Files.writeString(fresh.resolve("spec.json"), "{\"total_steps\": 10}");
        Files.writeString(fresh.resolve("events.jsonl"), "");
        viewModel.openFolder(fresh);
        assertEquals(RunStatus.WAITING, viewModel.statusProperty().get());
        try (RunLock lock = RunLock.acquire(fresh)) {
            scheduler.advance(TrainingViewModel.POLL_PERIOD);
            assertEquals(RunStatus.RUNNING, viewModel.statusProperty().get());
        }
    }

    @Test
    void errorEventMarksTheRunFailed() throws IOException {
        viewModel.openFolder(run);
        append("in\"}\n{\"step\": 111, \"kind\": \"error\", \"message\": \"loss is NaN\"}\n");
        scheduler.advance(TrainingViewModel.POLL_PERIOD);
        assertEquals(RunStatus.FAILED, viewModel.statusProperty().get());
        assertTrue(viewModel.warnings().contains("Step 111 error: loss is NaN"));
    }

    @Test
    void closingStopsPollingAndFollowingAnotherRunResets() throws IOException {
        viewModel.openFolder(run);
        viewModel.close();
        assertEquals(0, scheduler.pendingCount());

        Path empty = Files.createDirectories(dir.resolve("runs").resolve("fresh"));
        Files.writeString(empty.resolve("spec.json"), "{\"total_steps\": 50}");
        viewModel.openFolder(empty);
        assertTrue(viewModel.lossSeries().isEmpty());
        assertEquals(RunStatus.WAITING, viewModel.statusProperty().get());
        assertEquals("0 / 50", viewModel.stepTextProperty().get());
        assertEquals(0.0, viewModel.progressProperty().get());
    }

    @Test
    void listsRunsAndReportsUnreadableFolders() {
        viewModel.refreshRuns();
        assertEquals(List.of("add-demo"), viewModel.runs().stream().map(RunInfo::name).toList());
        assertEquals(OptionalLong.of(200), viewModel.runs().get(0).totalSteps());

        viewModel.openFolder(dir.resolve("nowhere"));
        assertEquals(1, dialogs.errors.size());
        assertTrue(dialogs.errors.get(0).contains("nowhere"), dialogs.errors.get(0));
    }

    @Test
    void longSeriesAreThinnedKeepingEnds() {
        List<XYChart.Data<Number, Number>> data = new ArrayList<>();
        for (int i = 0; i <= TrainingViewModel.MAX_POINTS_PER_SERIES; i++) {
            data.add(new XYChart.Data<>(i, i));
        }
        TrainingViewModel.thin(data);
        assertEquals(TrainingViewModel.MAX_POINTS_PER_SERIES / 2 + 1, data.size());
        assertEquals(0, data.get(0).getXValue().intValue());
        assertEquals(TrainingViewModel.MAX_POINTS_PER_SERIES, data.get(data.size() - 1).getXValue().intValue());
        assertEquals(2, data.get(1).getXValue().intValue());
    }

    private void append(String text) throws IOException {
        Files.writeString(run.resolve("events.jsonl"), text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
