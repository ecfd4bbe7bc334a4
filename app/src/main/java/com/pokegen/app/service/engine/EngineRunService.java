package com.pokegen.app.service.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.app.service.RunInfo;
import com.pokegen.app.service.RunService;
import com.pokegen.app.service.local.LocalRunService;
import com.pokegen.app.service.TrainingSetting;
import com.pokegen.engine.train.Presets;
import com.pokegen.engine.train.StageConfig;
import com.pokegen.engine.train.add.StageSettings;
import com.pokegen.engine.train.TeacherConfig;
import com.pokegen.engine.train.TrainingListener;
import com.pokegen.engine.train.Training;
import com.pokegen.engine.train.VaeConfig;
import com.pokegen.engine.train.add.AddConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Starts, stops and resumes training runs with the engine's {@link Training} API; listing and
 * opening run folders is the plain folder service's job. A run trains on the dataset open on the
 * Dataset page, in a new folder {@code <runs root>/<stage>-<time>}, on one background thread (one
 * run at a time: two would halve each other's speed on a CPU). The dashboard follows it through
 * its events.jsonl like any other run. Stopping asks the loop to checkpoint and return; resuming
 * continues from the newest checkpoint.
 *
 * <p>Inputs each stage needs besides the dataset: the teacher stage's VAE is the newest finished
 * VAE run ({@code final/vae}), else the teacher model folder's {@code vae/}; distillation's teacher
 * is the newest finished teacher run ({@code final/}), else the teacher model folder.
 */
public final class EngineRunService implements RunService, AutoCloseable {

    public static final List<String> STAGES = List.of("vae", "teacher", "add");
    /** What the studio needs to resume a run it started: stage and dataset folder. */
    static final String ORIGIN = "studio-run.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path runsRoot;
    private final LocalRunService folders;
    private final Supplier<Optional<Path>> currentDataset;
    private final ModelFolders models;
    private final ExecutorService trainer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "studio-training");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Path, Active> active = new ConcurrentHashMap<>();

    private record Active(AtomicBoolean stop, Future<?> future) {
    }

    /**
     * @param currentDataset the dataset folder runs train on (the one open in the studio), if any
     */
    public EngineRunService(Path runsRoot, Supplier<Optional<Path>> currentDataset, ModelFolders models) {
        this.runsRoot = runsRoot;
        this.folders = new LocalRunService(runsRoot);
        this.currentDataset = currentDataset;
        this.models = models;
    }

    @Override
    public List<RunInfo> listRuns() throws IOException {
        return folders.listRuns();
    }

    @Override
    public RunInfo open(Path folder) throws IOException {
        return folders.open(folder);
    }

    /** The stages: "vae", "teacher", "add" (distillation). */
    @Override
    public List<String> presets() {
        return STAGES;
    }

    /** The editable fields of a stage with their defaults (the engine's built-in preset). */
    public ObjectNode defaults(String stage) {
        requireStage(stage);
        return Presets.defaults(stage);
    }

    @Override
    public RunInfo start(String stage) throws IOException {
        return start(stage, JSON.createObjectNode());
    }

    @Override
    public List<TrainingSetting> settings(String stage) {
        requireStage(stage);
        return StageSettings.fields(stage).stream()
                .map(f -> new TrainingSetting(f.key(), f.description(), f.defaultText(), f.list())).toList();
    }

    @Override
    public String resolve(String stage, Map<String, String> values) throws IOException {
        requireStage(stage);
        return StageSettings.resolve(stage, values).toJson().toPrettyString();
    }

    @Override
    public RunInfo start(String stage, Map<String, String> values) throws IOException {
        requireStage(stage);
        return start(stage, StageSettings.overrides(stage, values));
    }

    @Override
    public boolean busy() {
        return !active.isEmpty();
    }

    /** Starts {@code stage} with {@code overrides} laid over its defaults (unknown keys are refused). */
    public RunInfo start(String stage, ObjectNode overrides) throws IOException {
        requireStage(stage);
        Path dataset = currentDataset.get().orElseThrow(() -> new IOException(
                "No dataset is open: import or open one on the Dataset page, then start the run"));
        Files.createDirectories(runsRoot);
        Path run = runsRoot.resolve(stage + "-" + LocalDateTime.now().format(RUN_TIME));
        for (int n = 2; Files.exists(run); n++) {
            run = runsRoot.resolve(stage + "-" + LocalDateTime.now().format(RUN_TIME) + "-" + n);
        }
        if (busy()) {
            throw new IOException("A run started here is still training: stop it first (one run at a time)");
        }
        Job job = job(stage, dataset, run, overrides, false);
        Files.createDirectories(run);
        ObjectNode origin = JSON.createObjectNode();
        origin.put("stage", stage);
        origin.put("dataset", dataset.toAbsolutePath().toString());
        Files.writeString(run.resolve(ORIGIN), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(origin));
        launch(run, job);
        long total = configOf(stage, overrides).steps();
        return new RunInfo(run.getFileName().toString(), run, java.util.OptionalLong.of(total));
    }

    /** Continues a stopped (or crashed) run from its newest checkpoint, with the config it started with. */
    @Override
    public RunInfo resume(RunInfo run) throws IOException {
        Path folder = run.folder();
        if (active.containsKey(folder.toAbsolutePath().normalize())) {
            throw new IOException(run.name() + " is already running");
        }
        Path originFile = folder.resolve(ORIGIN);
        Path specFile = folder.resolve("spec.json");
        if (!Files.isRegularFile(originFile) || !Files.isRegularFile(specFile)) {
            throw new IOException(run.name() + " was not started from the studio (or never got going: no "
                    + ORIGIN + " or spec.json); resume it with ./pokegen (train-vae, train-teacher or distill --resume)");
        }
        JsonNode origin = JSON.readTree(originFile.toFile());
        JsonNode config = JSON.readTree(specFile.toFile()).get("config");
        String dataset = origin.path("dataset").asText("");
        String stage = origin.path("stage").asText("");
        if (!(config instanceof ObjectNode) || dataset.isEmpty() || !STAGES.contains(stage)) {
            throw new IOException(originFile + " or " + specFile + " is damaged: expected a stage, a dataset and a config");
        }
        launch(folder, job(stage, Path.of(dataset), folder, (ObjectNode) config, true));
        return folders.open(folder);
    }

    /** Whether a run started here is still training. */
    @Override
    public boolean isRunning(RunInfo run) {
        return active.containsKey(run.folder().toAbsolutePath().normalize());
    }

    @Override
    public void stop(RunInfo run) throws IOException {
        Active job = active.get(run.folder().toAbsolutePath().normalize());
        if (job == null) {
            throw new IOException(run.name() + " is not training in this studio (runs started with ./pokegen stop with Ctrl+C)");
        }
        job.stop().set(true);
    }

    @FunctionalInterface
    private interface Job {
        void run(TrainingListener listener, AtomicBoolean stop) throws IOException;
    }

    /** Builds the job up front, so a bad config or a missing input fails before anything starts. */
    private Job job(String stage, Path dataset, Path run, ObjectNode overrides, boolean resume) throws IOException {
        switch (stage) {
            case "vae": {
                VaeConfig config = VaeConfig.of(overrides);
                Training.VaeJob job = new Training.VaeJob(dataset, run, config, resume);
                return (listener, stop) -> Training.trainVae(job, listener, stop::get);
            }
            case "teacher": {
                TeacherConfig config = TeacherConfig.of(overrides);
                Training.TeacherJob job = new Training.TeacherJob(dataset, run, config, vaeFolder(), null, resume);
                return (listener, stop) -> Training.trainTeacher(job, listener, stop::get);
            }
            default: {
                AddConfig config = AddConfig.of(overrides);
                Training.AddJob job = new Training.AddJob(dataset, run, config, teacherFolder(), resume);
                return (listener, stop) -> Training.distill(job, listener, stop::get);
            }
        }
    }

    private static StageConfig configOf(String stage, ObjectNode overrides) throws IOException {
        switch (stage) {
            case "vae":
                return VaeConfig.of(overrides);
            case "teacher":
                return TeacherConfig.of(overrides);
            default:
                return AddConfig.of(overrides);
        }
    }

    private void launch(Path run, Job job) {
        Path key = run.toAbsolutePath().normalize();
        AtomicBoolean stop = new AtomicBoolean();
        java.util.concurrent.FutureTask<Void> task = new java.util.concurrent.FutureTask<>(() -> {
            try {
                job.run(event -> { }, stop);
            } catch (Exception | Error e) {
                recordFailure(run, e);
            } finally {
                active.remove(key);
            }
            return null;
        });
        active.put(key, new Active(stop, task)); // registered before it can finish, so it is always removed
        trainer.execute(task);
    }

    /** Appends an "error" event so the dashboard shows why a run ended (the engine logs its own errors too). */
    private static void recordFailure(Path run, Throwable error) {
        ObjectNode event = JSON.createObjectNode();
        event.put("step", 0);
        event.put("time", System.currentTimeMillis() / 1000.0);
        event.put("kind", "error");
        event.put("message", error.getMessage() == null ? error.toString() : error.getMessage());
        try {
            Files.writeString(run.resolve("events.jsonl"), JSON.writeValueAsString(event) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // the run folder itself is gone; nothing left to tell
        }
    }

    private Path vaeFolder() throws IOException {
        Optional<Path> trained = newestFinished("vae", "vae");
        if (trained.isPresent()) {
            return trained.get();
        }
        if (Files.isDirectory(models.teacher().resolve("vae"))) {
            return models.teacher();
        }
        throw new IOException("The teacher needs a trained VAE: run the \"vae\" stage first (no finished run with "
                + "final/vae under " + runsRoot + ", and no vae/ in " + models.teacher() + ")");
    }

    private Path teacherFolder() throws IOException {
        Optional<Path> trained = newestFinished("teacher", "model_index.json");
        if (trained.isPresent()) {
            return trained.get();
        }
        if (Files.isRegularFile(models.teacher().resolve("model_index.json"))) {
            return models.teacher();
        }
        throw new IOException("Distillation needs a teacher: run the \"teacher\" stage first (no finished teacher run "
                + "under " + runsRoot + ", and no model in " + models.teacher() + ")");
    }

    /** {@code final/} of the newest run of {@code stage} whose final folder holds {@code marker}. */
    private Optional<Path> newestFinished(String stage, String marker) throws IOException {
        for (RunInfo run : folders.listRuns()) {
            Path finalDir = run.folder().resolve("final");
            if (run.name().startsWith(stage + "-") && Files.exists(finalDir.resolve(marker))) {
                return Optional.of(finalDir);
            }
        }
        return Optional.empty();
    }

    private static void requireStage(String stage) {
        if (!STAGES.contains(stage)) {
            throw new IllegalArgumentException("Unknown training stage '" + stage + "': choose one of " + STAGES);
        }
    }

    /** Waits until no run started here is training; false when {@code timeout} passed first. */
    public boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        for (Active job : List.copyOf(active.values())) {
            try {
                job.future().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException e) {
                // failures are recorded in the run's events.jsonl
            } catch (java.util.concurrent.TimeoutException e) {
                return false;
            }
        }
        return active.isEmpty();
    }

    /** Asks running jobs to stop (they checkpoint) and waits a little for them. */
    @Override
    public void close() {
        active.values().forEach(job -> job.stop().set(true));
        trainer.shutdown();
        try {
            trainer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isLocked(RunInfo run) {
        return com.pokegen.engine.train.RunLock.holder(run.folder()).isPresent();
    }
}
