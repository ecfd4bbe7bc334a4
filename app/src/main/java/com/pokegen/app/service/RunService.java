package com.pokegen.app.service;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Training runs: list the run folders, open one (from anywhere, e.g. synced from a GPU server),
 * and start or stop runs from presets where the engine supports it.
 */
public interface RunService {

    /** Run folders known to the studio, newest first. */
    List<RunInfo> listRuns() throws IOException;

    /**
     * Reads a run folder's spec.
     *
     * @throws IOException when the folder is missing or spec.json is malformed (the message says which)
     */
    RunInfo open(Path folder) throws IOException;

    /** Preset names that {@link #start} accepts; empty when starting runs is not supported. */
    List<String> presets();

    /**
     * Starts a run from a preset and returns its folder at once (training continues in the
     * background and appends to events.jsonl).
     *
     * @throws UnsupportedOperationException when this build cannot start runs
     */
    RunInfo start(String preset) throws IOException;

    /** Asks a run started by {@link #start} to stop after its current step. */
    void stop(RunInfo run) throws IOException;

    /**
     * Continues a stopped run from its newest checkpoint and returns it (training goes on in the background).
     *
     * @throws UnsupportedOperationException when this build cannot train
     */
    default RunInfo resume(RunInfo run) throws IOException {
        throw new UnsupportedOperationException("This build cannot resume runs: use ./pokegen with --resume");
    }

    /**
     * Whether a training in any process (this studio, the CLI) holds the run folder's lock, i.e. the
     * run is alive even before its first logged step; a crashed run holds none. Only the
     * engine-backed service can tell; others say no.
     */
    default boolean isLocked(RunInfo run) {
        return false;
    }

    /** Whether {@code run} is training in this process (so it can be stopped here). */
    default boolean isRunning(RunInfo run) {
        return false;
    }

    /** The settings a person may edit before starting {@code preset}, prefilled from it; empty when runs cannot start here. */
    default List<TrainingSetting> settings(String preset) {
        return List.of();
    }

    /**
     * Validates edited settings (key to text; blank keeps the preset) the way the engine will and
     * returns the resolved spec as the engine prints it for a dry run.
     *
     * @throws IOException naming the refused field
     */
    default String resolve(String preset, Map<String, String> values) throws IOException {
        throw new UnsupportedOperationException("This build cannot check training settings: use ./pokegen with --dry-run");
    }

    /** Starts {@code preset} with edited settings laid over it; the run's total steps are known at once. */
    default RunInfo start(String preset, Map<String, String> values) throws IOException {
        if (!values.isEmpty()) {
            throw new UnsupportedOperationException("This build cannot start runs with edited settings");
        }
        return start(preset);
    }

    /** Whether a run started in this studio is training now (one runs at a time). */
    default boolean busy() {
        return false;
    }
}
