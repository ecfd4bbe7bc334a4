package com.pokegen.app.service;

import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A training run folder ({@code runs/<name>/}: spec.json, events.jsonl, samples/, checkpoints/).
 *
 * @param name       folder name
 * @param folder     the run folder
 * @param totalSteps {@code total_steps} from spec.json, when known
 */
public record RunInfo(String name, Path folder, OptionalLong totalSteps) {

    public RunInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(folder, "folder");
        totalSteps = totalSteps == null ? OptionalLong.empty() : totalSteps;
    }

    /** The event log the training loop appends to. */
    public Path eventsFile() {
        return folder.resolve("events.jsonl");
    }

    @Override
    public String toString() {
        return name;
    }
}
