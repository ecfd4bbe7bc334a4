package com.pokegen.app.service;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Evaluation reports and human A/B preference votes. */
public interface EvaluationService {

    /**
     * Reads {@code report.json} (the file itself or its folder).
     *
     * @throws IOException when it is missing or not JSON; the message names the file
     */
    EvaluationReport readReport(Path reportOrFolder) throws IOException;

    /** The next pair still waiting for a vote in that evaluation folder, if any. */
    Optional<AbPair> nextPair(Path evalFolder) throws IOException;

    /** Records a vote durably before returning. */
    void recordVote(Path evalFolder, AbPair pair, AbVote vote) throws IOException;

    /** The models ranked by the folder's votes, strongest first (empty when this build cannot rank). */
    default List<ModelRanking> ranking(Path evalFolder) throws IOException {
        return List.of();
    }

    /**
     * Runs an evaluation and returns its folder (with report.json) once written; reports progress
     * and stops, leaving nothing behind, when the monitor is cancelled.
     *
     * @throws UnsupportedOperationException when this build cannot evaluate (use ./pokegen eval)
     */
    default Path evaluate(EvaluationRequest request, ProgressMonitor monitor) throws IOException {
        throw new UnsupportedOperationException("This build cannot run evaluations: use ./pokegen eval and open its folder");
    }

    /**
     * Has the engine draw both models and write blind A/B pairs into {@code request.evalFolder()};
     * returns that folder.
     *
     * @throws UnsupportedOperationException when this build cannot draw (use ./pokegen ab-pairs)
     */
    default Path makePairs(PairsRequest request, ProgressMonitor monitor) throws IOException {
        throw new UnsupportedOperationException("This build cannot draw A/B pairs: use ./pokegen ab-pairs and open the folder");
    }
}
