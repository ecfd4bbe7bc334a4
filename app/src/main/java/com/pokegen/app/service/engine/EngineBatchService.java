package com.pokegen.app.service.engine;

import com.pokegen.app.service.BatchOrder;
import com.pokegen.app.service.BatchService;
import com.pokegen.app.service.BatchSummary;
import com.pokegen.app.service.ModelChoice;
import com.pokegen.app.service.ProgressMonitor;
import com.pokegen.engine.batch.BatchJob;
import com.pokegen.engine.batch.BatchResult;
import com.pokegen.engine.batch.BatchSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs the engine's {@link BatchJob} over the student folder. Each image is sampled alone on its
 * own lane (libtorch's CPU output depends on the batch shape, so this keeps every image equal to
 * the one {@code pokegen generate} draws); lanes leave one core to the studio.
 */
public final class EngineBatchService implements BatchService {

    private final ModelFolders folders;

    public EngineBatchService(ModelFolders folders) {
        this.folders = folders;
    }

    @Override
    public BatchSummary run(BatchOrder order, ProgressMonitor monitor) throws IOException {
        Path student = folders.student().toAbsolutePath().normalize();
        if (!Files.isRegularFile(student.resolve("model_index.json"))) {
            throw new IOException(EngineGenerationService.missingMessage(ModelChoice.STUDENT, student));
        }
        int lanes = Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
        BatchSpec spec = new BatchSpec(order.prompts(), order.seeds(), order.firstSeed(), order.steps(), lanes, lanes,
                order.out());
        monitor.progress(0, -1, "Loading the student model");
        try (BatchJob job = BatchJob.open(student)) {
            BatchResult result = job.run(spec,
                    (done, total, nanos) -> monitor.progress(done, total, "Image " + done + " of " + total),
                    monitor::isCancelled);
            int flagged = result.curation().duplicates().size() + result.curation().offBrief().size();
            return new BatchSummary(result.images(), result.rendered(), flagged, result.gallery());
        }
    }
}
