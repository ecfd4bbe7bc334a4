package com.pokegen.engine.train;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * One kind of training (VAE, teacher, ADD) as seen by {@link TrainLoop}: the loop owns steps,
 * logging, checkpoints, resume and stopping; the task owns the networks and the maths.
 */
public interface TrainingTask {

    /** Runs optimiser update number {@code step} (0-based); returns the logged scalars. */
    StepMetrics step(long step);

    /** Tensor groups a checkpoint must hold to resume exactly (weights, ema, optimiser...). */
    Map<String, Map<String, NDArray>> checkpointGroups();

    /** Extra resume state (counters) merged into the checkpoint's state.json. */
    ObjectNode checkpointState();

    /** Restores from a checkpoint written by this task. */
    void restore(Checkpoints.Checkpoint checkpoint);

    /** Writes a sample grid for the current weights to {@code png}. */
    void sample(long step, Path png) throws IOException;

    /** Writes the final model (diffusers layout) to {@code dir}. */
    void exportFinal(Path dir) throws IOException;

    /**
     * Optional checks after update {@code done} (e.g. ADD's collapse detector): returns extra
     * fields for a "monitor" event, or null when there is nothing to log at this step. A field
     * "warning" (text) is also logged as a warning event.
     */
    default ObjectNode monitor(long done) {
        return null;
    }

    /** Scalars of one update: losses by name, plus learning rate and gradient norm. */
    record StepMetrics(Map<String, Double> losses, double lr, double gradNorm, int samples) {}
}
