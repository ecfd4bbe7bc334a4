package com.pokegen.engine.eval;

/**
 * Names figures by the extractor behind them, so an offline in-domain FD is never shown as FID.
 */
public final class MetricNames {

    /** Prefix of {@link InceptionTorchScriptExtractor} ids: only these make an FID. */
    public static final String INCEPTION_PREFIX = "inception-2015-12-05";
    /** Prefix of {@link InDomainEncoder} ids. */
    public static final String IN_DOMAIN_PREFIX = "in-domain";
    /** Prefix of {@link ClipTorchScriptExtractor} ids. */
    public static final String CLIP_PREFIX = "clip-torchscript";

    private MetricNames() {}

    /** "FID", "in-domain FD" or "FD[id]". */
    public static String fd(String extractorId) {
        if (extractorId.startsWith(INCEPTION_PREFIX)) {
            return "FID";
        }
        if (extractorId.startsWith(IN_DOMAIN_PREFIX)) {
            return "in-domain FD";
        }
        return "FD[" + extractorId + "]";
    }

    /** "KID", "in-domain KID" or "KID[id]". */
    public static String kid(String extractorId) {
        if (extractorId.startsWith(INCEPTION_PREFIX)) {
            return "KID";
        }
        if (extractorId.startsWith(IN_DOMAIN_PREFIX)) {
            return "in-domain KID";
        }
        return "KID[" + extractorId + "]";
    }

    /** "CLIP score" for OpenAI CLIP, "in-domain CLIP score" for the offline encoder. */
    public static String clipScore(String modelId) {
        return modelId.startsWith(IN_DOMAIN_PREFIX) ? "in-domain CLIP score" : "CLIP score";
    }
}
