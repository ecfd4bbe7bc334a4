package com.pokegen.app;

import com.pokegen.app.service.BatchService;
import com.pokegen.app.service.DatasetService;
import com.pokegen.app.service.GalleryService;
import com.pokegen.app.service.EvaluationService;
import com.pokegen.app.service.GenerationService;
import com.pokegen.app.service.RunService;
import com.pokegen.app.service.engine.EngineBatchService;
import com.pokegen.app.service.engine.EngineDatasetService;
import com.pokegen.app.service.engine.EngineEvaluationService;
import com.pokegen.app.service.engine.EngineGenerationService;
import com.pokegen.app.service.engine.EngineRunService;
import com.pokegen.app.service.engine.ModelFolders;
import com.pokegen.app.service.local.EngineNotConnectedGenerationService;
import com.pokegen.app.service.local.FolderGalleryService;
import com.pokegen.app.service.local.LocalDatasetService;
import com.pokegen.app.service.local.LocalEvaluationService;
import com.pokegen.app.service.local.LocalRunService;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The ports the studio talks to. {@link #engine} gives the engine-backed services the studio runs
 * with; {@link #local} the file-based ones that need no engine (tests, and a studio without models).
 */
public record StudioServices(DatasetService datasets, GenerationService generator, RunService runs,
                             EvaluationService evaluation, Path runsRoot, GalleryService gallery,
                             BatchService batches) implements AutoCloseable {

    public StudioServices {
        Objects.requireNonNull(gallery, "gallery");
        Objects.requireNonNull(batches, "batches");
        Objects.requireNonNull(datasets, "datasets");
        Objects.requireNonNull(generator, "generator");
        Objects.requireNonNull(runs, "runs");
        Objects.requireNonNull(evaluation, "evaluation");
        Objects.requireNonNull(runsRoot, "runsRoot");
    }

    /** The services without gallery and batch runs: a gallery under {@code runsRoot/../gallery}, batches refused. */
    public StudioServices(DatasetService datasets, GenerationService generator, RunService runs,
                          EvaluationService evaluation, Path runsRoot) {
        this(datasets, generator, runs, evaluation, runsRoot,
                new FolderGalleryService(runsRoot.toAbsolutePath().resolveSibling(FolderGalleryService.DEFAULT_FOLDER)),
                NO_BATCHES);
    }

    private static final BatchService NO_BATCHES = (order, monitor) -> {
        throw new java.io.IOException("Batch runs need the engine's student model: start the studio with ./pokegen studio");
    };

    /**
     * The engine-backed services: datasets imported into {@code home/datasets}, runs under
     * {@code home/runs} (training on the open dataset), generation with {@code models}, A/B votes in
     * each evaluation folder's SQLite store, every generated image kept in {@code home/gallery},
     * batch runs with the student.
     */
    public static StudioServices engine(Path home, ModelFolders models) {
        Path runsRoot = home.resolve("runs");
        EngineDatasetService datasets = new EngineDatasetService(home.resolve("datasets"));
        return new StudioServices(datasets, new EngineGenerationService(models),
                new EngineRunService(runsRoot, datasets::currentFolder, models), new EngineEvaluationService(), runsRoot,
                new FolderGalleryService(home.resolve(FolderGalleryService.DEFAULT_FOLDER)), new EngineBatchService(models));
    }

    /** Stops training started here (it checkpoints) and frees loaded models. */
    @Override
    public void close() throws Exception {
        for (Object service : new Object[] {runs, generator, datasets, evaluation}) {
            if (service instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    /** Folder datasets, run folders under {@code workDir/runs}, report folders; no generator yet. */
    public static StudioServices local(Path workDir) {
        Path runsRoot = workDir.resolve("runs");
        return new StudioServices(new LocalDatasetService(), new EngineNotConnectedGenerationService(),
                new LocalRunService(runsRoot), new LocalEvaluationService(), runsRoot);
    }
}
