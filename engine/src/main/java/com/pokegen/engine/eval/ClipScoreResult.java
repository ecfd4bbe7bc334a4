package com.pokegen.engine.eval;

import java.util.List;

/**
 * A CLIP score with its provenance and the prompts that had to be truncated.
 *
 * @param label "CLIP score" or "in-domain CLIP score"
 * @param modelId the image/text model
 * @param mean mean of 100 · max(cos, 0) over pairs
 * @param pairScores per pair, in input order
 * @param maxTokens the text model's token limit
 * @param truncated prompts cut to {@code maxTokens}, with how many tokens each lost
 */
public record ClipScoreResult(String label, String modelId, double mean, double[] pairScores, int maxTokens,
        List<TruncatedPrompt> truncated) {

    /** A prompt that lost {@code droppedTokens} tokens to the limit. */
    public record TruncatedPrompt(int index, String prompt, int droppedTokens) {}

    static ClipScoreResult of(String label, String modelId, double[] scores, List<String> prompts, int[] dropped, int maxTokens) {
        double sum = 0;
        for (double s : scores) {
            sum += s;
        }
        return new ClipScoreResult(label, modelId, sum / scores.length, scores, maxTokens, ClipScore.truncated(prompts, dropped));
    }

    public int count() {
        return pairScores.length;
    }
}
