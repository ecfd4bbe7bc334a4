package com.pokegen.app.service;

import java.io.IOException;

/**
 * Draws images from prompts with the loaded student or teacher pipeline.
 *
 * <p>{@link #generate} blocks (the app calls it on a worker thread) and should check
 * {@link ProgressMonitor#isCancelled()} between denoising steps, throwing
 * {@link java.util.concurrent.CancellationException}, so a newer keystroke frees the engine
 * quickly. Implementations must tolerate concurrent calls (serialising them is fine).
 */
public interface GenerationService {

    GeneratedImage generate(GenerationRequest request, ProgressMonitor monitor) throws IOException;

    /** The device the engine computes on, for the status bar ("CPU", "cuda:0"). */
    String deviceName();

    /**
     * The measured student-versus-teacher speed-up of the student in use, for the status bar
     * (the engine's pipeline benchmark record, the figure models/README.md quotes); empty when
     * none was measured for it. May read a file: call it off the FX thread.
     */
    default java.util.Optional<String> speedSummary() {
        return java.util.Optional.empty();
    }

    /**
     * Why {@code model} cannot draw right now (e.g. no model folder), as a sentence with the fix;
     * empty when it is there. A cheap check: the UI asks on the FX thread.
     */
    default java.util.Optional<String> unavailable(ModelChoice model) {
        return java.util.Optional.empty();
    }

    /**
     * The steps and guidance {@code model} recommends and the most steps it takes, read from its
     * folder when it says; {@link ModelDefaults#fallback} otherwise. Cheap: the UI asks on the FX thread.
     */
    default ModelDefaults defaults(ModelChoice model) {
        return ModelDefaults.fallback(model);
    }
}
