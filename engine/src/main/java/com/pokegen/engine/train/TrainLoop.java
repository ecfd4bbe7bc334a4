package com.pokegen.engine.train;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDScope;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.engine.io.AtomicFiles;
import com.pokegen.engine.io.KeyCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Drives a {@link TrainingTask} inside a {@link RunFolder}: logs to events.jsonl, writes sample
 * grids and checkpoints on cadence, resumes from the newest valid checkpoint, stops on request
 * (after checkpointing) and refuses to go on after a non-finite loss.
 */
public final class TrainLoop {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How often things happen; 0 disables sampling / checkpoints. */
    public record Cadence(int logEvery, int sampleEvery, int checkpointEvery) {}

    /** How a run ended. */
    public record Result(long stepsDone, boolean finished, boolean stopped, Path finalDir) {}

    private TrainLoop() {}

    /**
     * @param resume continue from the run's newest valid checkpoint (else start at step 0)
     */
    public static Result run(RunFolder run, ObjectNode spec, long totalSteps, Cadence cadence,
            TrainingTask task, boolean resume, TrainingListener listener, BooleanSupplier stop)
            throws IOException {
        // only a crash leaves temporaries (the run lock rules out a writer in another process)
        AtomicFiles.removeStaleTemps(run.root());
        AtomicFiles.removeStaleTemps(run.checkpoints());
        long start = resume ? restore(run, task, totalSteps) : 0;
        RunSpec.write(run, spec, resume);
        truncateEvents(run.events(), start);
        double elapsed = lastElapsed(run.events());
        try (EventLog log = new EventLog(run.events(), elapsed)) {
            long t0 = System.nanoTime();
            int samplesSinceLog = 0;
            for (long step = start; step < totalSteps; step++) {
                if (stop.getAsBoolean()) {
                    checkpoint(run, task, step, log, listener);
                    emit(log, listener, log.event(step, "stopped").put("message", "stopped by request"));
                    return new Result(step, false, true, null);
                }
                TrainingTask.StepMetrics m;
                try (NDScope scope = new NDScope()) {
                    m = task.step(step);
                } catch (EngineException e) {
                    throw outOfMemory(e, step, log, listener);
                }
                samplesSinceLog += m.samples();
                checkFinite(step, m, log, listener, run);
                long done = step + 1;
                if (cadence.logEvery() > 0 && (done % cadence.logEvery() == 0 || done == totalSteps)) {
                    double secs = (System.nanoTime() - t0) / 1e9;
                    ObjectNode e = log.event(done, "train");
                    ObjectNode losses = e.putObject("losses");
                    m.losses().forEach(losses::put);
                    e.put("lr", m.lr());
                    e.put("grad_norm", m.gradNorm());
                    e.put("samples_per_s", samplesSinceLog / Math.max(secs, 1e-9));
                    emit(log, listener, e);
                    t0 = System.nanoTime();
                    samplesSinceLog = 0;
                }
                ObjectNode checks = task.monitor(done);
                if (checks != null) {
                    ObjectNode e = log.event(done, "monitor");
                    e.setAll(checks);
                    emit(log, listener, e);
                    if (checks.has("warning")) {
                        emit(log, listener, log.event(done, "warning").put("message", checks.get("warning").asText()));
                    }
                }
                if (cadence.sampleEvery() > 0 && done % cadence.sampleEvery() == 0) {
                    Path png = run.sampleGrid(done);
                    task.sample(done, png);
                    emit(log, listener, log.event(done, "sample")
                            .put("samples", run.root().relativize(png).toString()));
                }
                if (cadence.checkpointEvery() > 0 && done % cadence.checkpointEvery() == 0 && done < totalSteps) {
                    checkpoint(run, task, done, log, listener);
                }
            }
            checkpoint(run, task, totalSteps, log, listener);
            AtomicFiles.writeFolder(run.finalModel(), task::exportFinal);
            emit(log, listener, log.event(totalSteps, "done").put("path", "final"));
            return new Result(totalSteps, true, false, run.finalModel());
        }
    }

    /**
     * Loads the newest valid checkpoint into {@code task} and returns its step. Refuses, saying
     * why, when checkpoints exist but all are damaged (restarting would discard the run's history),
     * when {@code totalSteps} is below that step (it would overwrite later weights), or when the
     * checkpoint's tensors do not fit the model the spec builds.
     */
    private static long restore(RunFolder run, TrainingTask task, long totalSteps) throws IOException {
        Optional<Path> latest = Checkpoints.latest(run.checkpoints());
        if (latest.isEmpty()) {
            List<String> damaged = Checkpoints.folders(run.checkpoints());
            if (!damaged.isEmpty()) {
                throw new IOException(run.checkpoints() + ": every checkpoint is damaged (" + String.join(", ", damaged)
                        + ": state.json missing or a SHA-256 differs), so there is nothing to resume from; restore"
                        + " one from a backup or start a new run");
            }
            return 0;
        }
        long step = Checkpoints.step(latest.get());
        if (step > totalSteps) {
            throw new IOException(run.spec() + ": steps=" + totalSteps + " is below the newest checkpoint "
                    + latest.get().getFileName() + "; resume with steps >= " + step);
        }
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            Checkpoints.Checkpoint c = Checkpoints.load(latest.get(), m);
            task.restore(c);
            return c.step();
        } catch (KeyCheck.KeyMismatchException e) {
            throw new IOException(mismatch(latest.get(), run, e.report()), e);
        }
    }

    /** One sentence for a checkpoint that does not fit the model (not one line per tensor). */
    private static String mismatch(Path checkpoint, RunFolder run, KeyCheck.Report r) {
        String example = !r.mismatches().isEmpty() ? r.mismatches().get(0).toString()
                : !r.missing().isEmpty() ? "missing " + r.missing().get(0) : "unexpected " + r.unexpected().get(0);
        return checkpoint + " does not fit the model " + run.spec() + " describes (" + r.mismatches().size()
                + " tensors differ in shape, " + r.missing().size() + " missing, " + r.unexpected().size()
                + " unexpected; e.g. " + example + "); resume with the settings the run was started with";
    }

    private static void checkpoint(RunFolder run, TrainingTask task, long step, EventLog log,
            TrainingListener listener) throws IOException {
        ObjectNode state = task.checkpointState();
        state.put("elapsed_s", log.elapsedSeconds());
        Path dir = Checkpoints.save(run.checkpoints(), step, task.checkpointGroups(), state);
        emit(log, listener, log.event(step, "checkpoint").put("path", run.root().relativize(dir).toString()));
    }

    private static void checkFinite(long step, TrainingTask.StepMetrics m, EventLog log,
            TrainingListener listener, RunFolder run) throws IOException {
        for (var e : m.losses().entrySet()) {
            if (!Double.isFinite(e.getValue())) {
                String msg = "loss '" + e.getKey() + "' became " + e.getValue() + " at step " + (step + 1)
                        + "; the update was not kept in any checkpoint. Likely causes: learning rate too"
                        + " high, fp16 overflow, or corrupt inputs. Resume from the last checkpoint in "
                        + run.checkpoints() + " with a lower learning rate.";
                emit(log, listener, log.event(step + 1, "error").put("message", msg));
                throw new NonFiniteLossException(msg);
            }
        }
    }

    /**
     * libtorch reports allocation failures as a generic EngineException with a long C++ trace;
     * the user needs the one thing they can change: a smaller micro-batch. Other engine errors
     * pass through unchanged.
     */
    private static RuntimeException outOfMemory(EngineException e, long step, EventLog log,
            TrainingListener listener) throws IOException {
        String text = String.valueOf(e.getMessage());
        if (!text.contains("out of memory") && !text.contains("can't allocate memory")) {
            return e;
        }
        String msg = "out of memory at step " + (step + 1) + " (" + (text.contains("CUDA") ? "GPU" : "RAM")
                + "); lower batch_size and raise grad_accumulation to keep the effective batch, e.g."
                + " --set batch_size=8 --set grad_accumulation=4 (VAE: lower batch_size or resolution)";
        emit(log, listener, log.event(step + 1, "error").put("message", msg));
        return new OutOfMemoryException(msg, e);
    }

    private static void emit(EventLog log, TrainingListener listener, ObjectNode e) throws IOException {
        log.write(e);
        listener.onEvent(e);
    }

    /** Drops events logged after the checkpoint we resume from (they will be redone). */
    private static void truncateEvents(Path events, long step) throws IOException {
        if (!Files.exists(events)) {
            return;
        }
        StringBuilder kept = new StringBuilder();
        for (JsonNode e : EventLog.read(events)) {
            if (e.path("step").asLong() <= step && !(e.path("step").asLong() == step
                    && "stopped".equals(e.path("kind").asText()))) {
                kept.append(JSON.writeValueAsString(e)).append('\n');
            }
        }
        AtomicFiles.writeString(events, kept.toString());
    }

    private static double lastElapsed(Path events) throws IOException {
        List<JsonNode> all = EventLog.read(events);
        return all.isEmpty() ? 0 : all.get(all.size() - 1).path("elapsed_s").asDouble();
    }

    /** Thrown when a step runs out of (GPU or host) memory; the message says how to fit. */
    public static final class OutOfMemoryException extends RuntimeException {
        public OutOfMemoryException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Thrown when a loss stops being finite; the run's checkpoints are untouched. */
    public static final class NonFiniteLossException extends RuntimeException {
        public NonFiniteLossException(String message) {
            super(message);
        }
    }
}
