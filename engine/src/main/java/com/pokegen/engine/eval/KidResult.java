package com.pokegen.engine.eval;

/**
 * A KID estimate with what it was measured on.
 *
 * @param label "KID", "in-domain KID" or "KID[extractor]"
 * @param mean mean unbiased MMD² over subsets
 * @param std population standard deviation over subsets (torchmetrics' {@code kid_std})
 * @param subsets number of subsets
 * @param subsetSize samples per subset actually used
 * @param sampleCount N of the evaluated set
 * @param referenceCount N of the reference set
 * @param extractorId the feature extractor
 * @param resizeMethod how images were resized for it
 */
public record KidResult(String label, double mean, double std, int subsets, int subsetSize, long sampleCount,
        long referenceCount, String extractorId, String resizeMethod) {}
