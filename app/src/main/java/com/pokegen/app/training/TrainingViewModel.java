package com.pokegen.app.training;

import com.pokegen.app.dialog.DialogService;
import com.pokegen.app.service.RunInfo;
import com.pokegen.app.service.RunService;
import com.pokegen.app.task.BackgroundTask;
import com.pokegen.app.task.Cancellable;
import com.pokegen.app.task.TaskExecutor;
import com.pokegen.app.task.UiScheduler;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training dashboard: lists runs, opens one and tails its {@code events.jsonl} by polling a
 * {@link EventsTailer} on a worker (one poll in flight at a time). Each poll's events are applied
 * on the FX thread in one batch: one chart series per loss term, latest sample, step, ETA, status.
 */
public final class TrainingViewModel {

    /** Points kept per series before thinning halves them (older history gets coarser). */
    static final int MAX_POINTS_PER_SERIES = 2000;
    static final Duration POLL_PERIOD = Duration.ofMillis(500);

    private final RunService runs;
    private final TaskExecutor executor;
    private final UiScheduler scheduler;
    private final DialogService dialogs;

    private final ObservableList<String> presets = FXCollections.observableArrayList();
    /** One wrapper for good: unmodifiable views hold their listeners weakly. */
    private final ObservableList<String> presetsView = FXCollections.unmodifiableObservableList(presets);
    private final ObservableList<XYChart.Series<Number, Number>> lossSeries = FXCollections.observableArrayList();
    private final Map<String, XYChart.Series<Number, Number>> seriesByName = new LinkedHashMap<>();
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    /** One wrapper for good: unmodifiable views hold their listeners weakly. */
    private final ObservableList<String> warningsView = FXCollections.unmodifiableObservableList(warnings);
    private final ReadOnlyObjectWrapper<RunInfo> openRun = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Path> latestSample = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<RunStatus> status = new ReadOnlyObjectWrapper<>(RunStatus.NO_RUN);
    private final ReadOnlyLongWrapper step = new ReadOnlyLongWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper stepText = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper etaText = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper speedText = new ReadOnlyStringWrapper("–");
    private final ReadOnlyStringWrapper lastCheckpoint = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canStart = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper startable = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<Path> samples = FXCollections.observableArrayList();
    private final ObservableList<Path> samplesView = FXCollections.unmodifiableObservableList(samples);
    private final TrainingSettingsViewModel settings;
    private final LossChartViewModel chart;
    private final RunList runList;

    private EventsTailer tailer;
    private Cancellable polling;
    private boolean pollInFlight;
    private double elapsedSeconds = Double.NaN;

    public TrainingViewModel(RunService runs, TaskExecutor executor, UiScheduler scheduler, DialogService dialogs) {
        this.runs = runs;
        this.executor = executor;
        this.scheduler = scheduler;
        this.dialogs = dialogs;
        this.runList = new RunList(runs, executor, scheduler, dialogs);
        this.settings = new TrainingSettingsViewModel(runs, executor);
        this.chart = new LossChartViewModel(lossSeries);
        presets.setAll(runs.presets());
        canStart.set(!presets.isEmpty());
        canStart.addListener((obs, old, value) -> updateStartable());
        runList.busyProperty().addListener((obs, old, value) -> updateStartable());
        status.addListener((obs, old, value) -> {
            updateStartable();
            updateDerived();
        });
        updateStartable();
    }

    private void updateStartable() {
        RunStatus now = status.get();
        startable.set(canStart.get() && !runList.busyProperty().get()
                && now != RunStatus.STARTING && now != RunStatus.STOPPING);
    }

    /** Reloads the run list (and whether a run of this studio trains) in the background. */
    public void refreshRuns() {
        runList.refresh();
    }

    /** Re-reads the run list every few seconds until {@link #close()}. */
    public void watchRuns() {
        runList.watch();
    }

    /** Opens a run folder from anywhere and starts following it. */
    public void openFolder(Path folder) {
        BackgroundTask.of("Opening run", monitor -> runs.open(folder))
                .quiet()
                .onSuccess(this::follow)
                .onFailure(error -> dialogs.showError("Could not open the run folder " + folder, error))
                .executeWith(executor);
    }

    /** Starts a run from a preset with no edits (where the engine supports it) and follows it. */
    public void start(String preset) {
        launch(preset, Map.of(), status.get());
    }

    /**
     * Starts the stage chosen in the settings form: the engine validates the edits first (a refused
     * value is shown in the form and nothing starts), then the run starts and is followed.
     */
    public void startWithSettings() {
        String stage = settings.stageProperty().get();
        if (stage == null || !startable.get()) {
            return;
        }
        RunStatus before = status.get();
        status.set(RunStatus.STARTING);
        settings.check(() -> launch(stage, settings.values(), before), () -> status.set(before));
    }

    private void launch(String preset, Map<String, String> values, RunStatus before) {
        status.set(RunStatus.STARTING);
        BackgroundTask.of("Starting " + preset, monitor -> runs.start(preset, values))
                .onSuccess(run -> {
                    runList.started();
                    follow(run);
                    if (status.get() == RunStatus.WAITING) {
                        status.set(RunStatus.STARTING);
                    }
                    refreshRuns();
                })
                .onFailure(error -> {
                    status.set(before);
                    dialogs.showError("Could not start the run", error);
                })
                .executeWith(executor);
    }

    /** Asks the open run to stop; it checkpoints first, and the dashboard shows its "stopped" event. */
    public void stopRun() {
        RunInfo run = openRun.get();
        if (run != null) {
            RunStatus before = status.get();
            status.set(RunStatus.STOPPING);
            BackgroundTask.of("Stopping " + run.name(), monitor -> {
                        runs.stop(run);
                        return run;
                    })
                    .quiet()
                    .onFailure(error -> {
                        if (status.get() == RunStatus.STOPPING) {
                            status.set(before);
                        }
                        dialogs.showError("Could not stop " + run.name(), error);
                    })
                    .executeWith(executor);
        }
    }

    /** Continues the open run from its newest checkpoint and follows it again. */
    public void resumeRun() {
        RunInfo run = openRun.get();
        if (run != null) {
            RunStatus before = status.get();
            status.set(RunStatus.STARTING);
            BackgroundTask.of("Resuming " + run.name(), monitor -> runs.resume(run))
                    .onSuccess(resumed -> {
                        runList.started();
                        follow(resumed);
                        if (status.get() == RunStatus.WAITING) {
                            status.set(RunStatus.STARTING);
                        }
                    })
                    .onFailure(error -> {
                        status.set(before);
                        dialogs.showError("Could not resume " + run.name(), error);
                    })
                    .executeWith(executor);
        }
    }

    /** Shows {@code run} from its first event and keeps polling for new ones. */
    public void follow(RunInfo run) {
        stopPolling();
        clear();
        openRun.set(run);
        status.set(RunStatus.WAITING);
        tailer = new EventsTailer(run.eventsFile());
        pollNow();
        polling = scheduler.scheduleRepeating(POLL_PERIOD, this::pollNow);
    }

    /** Stops polling the open run and the run list (the run keeps whatever it shows). */
    public void close() {
        stopPolling();
        runList.stop();
    }

    private void stopPolling() {
        if (polling != null) {
            polling.cancel();
            polling = null;
        }
        tailer = null;
    }

    /** Reads what was appended since the last poll; skipped while a poll is still running. */
    public void pollNow() {
        if (tailer == null || pollInFlight) {
            return;
        }
        EventsTailer current = tailer;
        RunInfo run = openRun.get();
        pollInFlight = true;
        BackgroundTask.of("Reading events", monitor -> new Poll(current.poll(), runs.isLocked(run)))
                .quiet()
                .onSuccess(poll -> {
                    pollInFlight = false;
                    if (current == tailer) {
                        apply(poll.batch());
                        // a locked run is training somewhere, even before it logs a step
                        if (poll.locked() && status.get() == RunStatus.WAITING) {
                            status.set(RunStatus.RUNNING);
                        }
                    }
                })
                .onFailure(error -> {
                    pollInFlight = false;
                    warnings.add("Could not read " + current.file() + ": " + error.getMessage());
                })
                .onCancelled(() -> pollInFlight = false)
                .executeWith(executor);
    }

    /** What one poll read: new events, and whether a training holds the run's lock. */
    private record Poll(EventsTailer.Batch batch, boolean locked) {}

    private void apply(EventsTailer.Batch batch) {
        if (batch.restarted()) {
            clear();
        }
        if (batch.malformedLines() > 0) {
            warnings.add(batch.malformedLines() + " malformed line(s) in events.jsonl were skipped");
        }
        Map<String, List<XYChart.Data<Number, Number>>> newPoints = new LinkedHashMap<>();
        for (TrainingEvent event : batch.events()) {
            applyOne(event, newPoints);
        }
        newPoints.forEach((name, points) -> {
            XYChart.Series<Number, Number> series = seriesByName.computeIfAbsent(name, this::newSeries);
            series.getData().addAll(points);
            thin(series.getData());
        });
        updateDerived();
    }

    private void applyOne(TrainingEvent event, Map<String, List<XYChart.Data<Number, Number>>> newPoints) {
        if (event.step() > step.get()) {
            step.set(event.step());
        }
        if (Double.isFinite(event.elapsedSeconds())) {
            elapsedSeconds = event.elapsedSeconds();
        }
        switch (event.kind()) {
            case TRAIN -> {
                event.losses().forEach((name, value) -> newPoints.computeIfAbsent(name, key -> new ArrayList<>())
                        .add(new XYChart.Data<>(event.step(), value)));
                if (Double.isFinite(event.samplesPerSecond())) {
                    speedText.set(String.format("%.1f samples/s", event.samplesPerSecond()));
                }
                if (status.get() == RunStatus.WAITING || status.get() == RunStatus.STARTING) {
                    status.set(RunStatus.RUNNING);
                }
            }
            case SAMPLE -> {
                if (event.path() != null) {
                    Path sample = openRun.get().folder().resolve(event.path());
                    latestSample.set(sample);
                    if (!samples.contains(sample)) {
                        samples.add(sample);
                    }
                }
            }
            case CHECKPOINT -> lastCheckpoint.set(event.path() == null ? "" : event.path());
            case WARNING -> warnings.add("Step " + event.step() + ": " + event.message());
            case ERROR -> {
                warnings.add("Step " + event.step() + " error: " + event.message());
                status.set(RunStatus.FAILED);
            }
            case DONE -> status.set(RunStatus.FINISHED);
            // a run stopped from the studio (or Ctrl+C) checkpoints and ends with a "stopped" event
            case STOPPED -> status.set(RunStatus.STOPPED);
            default -> {
                // unknown kinds are for other tools
            }
        }
    }

    private void updateDerived() {
        RunInfo run = openRun.get();
        long current = step.get();
        if (run != null && run.totalSteps().isPresent() && run.totalSteps().getAsLong() > 0) {
            long total = run.totalSteps().getAsLong();
            progress.set(Math.min(1.0, (double) current / total));
            stepText.set(current + " / " + total);
            boolean estimable = current > 0 && Double.isFinite(elapsedSeconds) && status.get() == RunStatus.RUNNING;
            boolean starting = current == 0 && (status.get() == RunStatus.STARTING || status.get() == RunStatus.RUNNING);
            etaText.set(estimable ? Durations.format(elapsedSeconds / current * Math.max(0, total - current))
                    : starting ? "estimating…" : "–");
        } else {
            progress.set(-1);
            stepText.set(current > 0 ? Long.toString(current) : "–");
            etaText.set("–");
        }
    }

    /** Halves a long series, keeping the first and the newest points. */
    static void thin(List<XYChart.Data<Number, Number>> data) {
        if (data.size() <= MAX_POINTS_PER_SERIES) {
            return;
        }
        List<XYChart.Data<Number, Number>> kept = new ArrayList<>(data.size() / 2 + 1);
        for (int i = 0; i < data.size() - 1; i += 2) {
            kept.add(data.get(i));
        }
        kept.add(data.get(data.size() - 1));
        if (data instanceof ObservableList<XYChart.Data<Number, Number>> observable) {
            observable.setAll(kept);
        } else {
            data.clear();
            data.addAll(kept);
        }
    }

    private XYChart.Series<Number, Number> newSeries(String name) {
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        series.setName(name);
        lossSeries.add(series);
        return series;
    }

    private void clear() {
        seriesByName.clear();
        lossSeries.clear();
        warnings.clear();
        latestSample.set(null);
        samples.clear();
        lastCheckpoint.set("");
        step.set(0);
        elapsedSeconds = Double.NaN;
        speedText.set("–");
        updateDerived();
    }

    public ObservableList<RunInfo> runs() {
        return runList.runs();
    }

    public ObservableList<String> presets() {
        return presetsView;
    }

    /** One series per loss term, in first-seen order; bind a LineChart's data to this. */
    public ObservableList<XYChart.Series<Number, Number>> lossSeries() {
        return lossSeries;
    }

    public ObservableList<String> warnings() {
        return warningsView;
    }

    public ReadOnlyObjectProperty<RunInfo> openRunProperty() {
        return openRun.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> latestSampleProperty() {
        return latestSample.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RunStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty stepProperty() {
        return step.getReadOnlyProperty();
    }

    /** Fraction of total_steps done, or -1 when the total is unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stepTextProperty() {
        return stepText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty etaTextProperty() {
        return etaText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty speedTextProperty() {
        return speedText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lastCheckpointProperty() {
        return lastCheckpoint.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canStartProperty() {
        return canStart.getReadOnlyProperty();
    }

    /** Whether a run started in this studio is training (Start waits for it to end). */
    public ReadOnlyBooleanProperty busyProperty() {
        return runList.busyProperty();
    }

    /** Whether Start may be pressed now: runs can start here, none of this studio trains, none is starting or stopping. */
    public ReadOnlyBooleanProperty startableProperty() {
        return startable.getReadOnlyProperty();
    }

    /** Every sample grid the open run logged, oldest first. */
    public ObservableList<Path> samples() {
        return samplesView;
    }

    public TrainingSettingsViewModel settings() {
        return settings;
    }

    public LossChartViewModel chart() {
        return chart;
    }
}
