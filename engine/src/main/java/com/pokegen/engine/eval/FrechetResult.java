package com.pokegen.engine.eval;

/**
 * One Fréchet distance with what it was measured on.
 *
 * @param label "FID" for Inception pool3 features, "in-domain FD" or "FD[extractor]" otherwise
 * @param value d²
 * @param extractorId the feature extractor
 * @param resizeMethod how images were resized for it
 * @param sampleCount N of the evaluated set
 * @param referenceCount N of the reference set
 * @param dims feature dimension
 * @param referenceVersion dataset version of the reference statistics ("" if not a dataset)
 */
public record FrechetResult(String label, double value, String extractorId, String resizeMethod, long sampleCount,
        long referenceCount, int dims, String referenceVersion) {}
