package com.pokegen.app;

import com.pokegen.app.service.DatasetService;
import com.pokegen.app.service.EvaluationService;
import com.pokegen.app.service.GenerationService;
import com.pokegen.app.service.RunService;
import com.pokegen.app.service.local.EngineNotConnectedGenerationService;
import com.pokegen.app.service.local.LocalDatasetService;
import com.pokegen.app.service.local.LocalEvaluationService;
import com.pokegen.app.service.local.LocalRunService;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The ports the studio talks to. {@link #local} gives the file-based implementations that need no
 * engine; the engine adapters replace them here when they are wired in.
 */
public record StudioServices(DatasetService datasets, GenerationService generator, RunService runs,
                             EvaluationService evaluation, Path runsRoot) {

    public StudioServices {
        Objects.requireNonNull(datasets, "datasets");
        Objects.requireNonNull(generator, "generator");
        Objects.requireNonNull(runs, "runs");
        Objects.requireNonNull(evaluation, "evaluation");
        Objects.requireNonNull(runsRoot, "runsRoot");
    }

    /** Folder datasets, run folders under {@code workDir/runs}, report folders; no generator yet. */
    public static StudioServices local(Path workDir) {
        Path runsRoot = workDir.resolve("runs");
        return new StudioServices(new LocalDatasetService(), new EngineNotConnectedGenerationService(),
                new LocalRunService(runsRoot), new LocalEvaluationService(), runsRoot);
    }
}
