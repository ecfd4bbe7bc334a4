package com.pokegen.app.service;

import java.io.IOException;
import java.nio.file.Path;
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
}
