package com.pokegen.engine.data;

/**
 * Thresholds of the dataset-level cleaning checks.
 *
 * @param minSide shorter sides below this many pixels are too small (default 64)
 * @param maxAspect longer side / shorter side above this is extreme (default 3.0)
 * @param nearDuplicateBits perceptual hashes this many bits apart or closer are near
 *     duplicates (default 6 of 64; 0 disables the check)
 * @param nearDuplicateColour mean colour difference (0..255, 4×4 grid) at or below which a
 *     perceptual-hash match counts as a near duplicate (default 12); recoloured variants of one
 *     drawing differ more and are kept
 * @param lowercaseCaptions whether normalisation lower-cases captions (default true)
 * @param apply whether to record the exclusions and caption fixes in the journal (default
 *     true; false only reports)
 */
public record CleaningOptions(int minSide, double maxAspect, int nearDuplicateBits, double nearDuplicateColour, boolean lowercaseCaptions, boolean apply) {

    public CleaningOptions {
        if (minSide < 1) {
            throw new IllegalArgumentException("minSide must be at least 1, got " + minSide);
        }
        if (!(maxAspect >= 1.0)) {
            throw new IllegalArgumentException("maxAspect must be at least 1.0, got " + maxAspect);
        }
        if (!(nearDuplicateColour >= 0)) {
            throw new IllegalArgumentException("nearDuplicateColour must be >= 0, got " + nearDuplicateColour);
        }
        if (nearDuplicateBits < 0 || nearDuplicateBits > 32) {
            throw new IllegalArgumentException("nearDuplicateBits must be within 0..32, got " + nearDuplicateBits);
        }
    }

    public static CleaningOptions defaults() {
        return new CleaningOptions(64, 3.0, 6, 12.0, true, true);
    }

    public CleaningOptions withNearDuplicateBits(int bits) {
        return new CleaningOptions(minSide, maxAspect, bits, nearDuplicateColour, lowercaseCaptions, apply);
    }

    public CleaningOptions withMinSide(int side) {
        return new CleaningOptions(side, maxAspect, nearDuplicateBits, nearDuplicateColour, lowercaseCaptions, apply);
    }

    public CleaningOptions withApply(boolean a) {
        return new CleaningOptions(minSide, maxAspect, nearDuplicateBits, nearDuplicateColour, lowercaseCaptions, a);
    }
}
