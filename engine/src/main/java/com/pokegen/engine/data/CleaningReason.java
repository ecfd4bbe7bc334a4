package com.pokegen.engine.data;

/**
 * Why a source file or dataset item appears in a cleaning report, and what was done about it.
 * Nothing is ever deleted: rejected files stay in the source, excluded items stay in the
 * dataset (the journal can include them again), fixes keep the original in the import.
 */
public enum CleaningReason {
    UNDECODABLE(Action.REJECTED, "not a picture any decoder can read"),
    TRUNCATED(Action.REJECTED, "file ends early (cut while copying or downloading)"),
    DECOMPRESSION_BOMB(Action.REJECTED, "declares more pixels than the budget"),
    FILE_TOO_LARGE(Action.REJECTED, "file larger than the byte limit"),
    UNSUPPORTED_FORMAT(Action.REJECTED, "no decoder for this format"),
    BAD_METADATA_LINE(Action.REJECTED, "metadata record is not valid UTF-8/JSON/CSV or lacks its file name"),
    DUPLICATE_FILE_NAME(Action.REJECTED, "file name listed twice; the first record is kept"),
    MISSING_FILE(Action.REJECTED, "listed file does not exist"),
    PATH_ESCAPES(Action.REJECTED, "file name leaves the dataset folder through .."),
    ABSOLUTE_PATH(Action.REJECTED, "file name is an absolute path"),
    SYMLINK(Action.REJECTED, "file is a symbolic link"),
    NOT_IN_METADATA(Action.IGNORED, "picture in the folder that the metadata does not list"),
    ALPHA_COMPOSITED(Action.FIXED, "transparent pixels composited on white"),
    CAPTION_NORMALISED(Action.FIXED, "caption whitespace, case, BLIP artefacts or repeated words fixed"),
    TOO_SMALL(Action.EXCLUDED, "shorter side below the minimum"),
    EXTREME_ASPECT(Action.EXCLUDED, "aspect ratio beyond the maximum"),
    EXACT_DUPLICATE(Action.EXCLUDED, "same pixels as an earlier item"),
    NEAR_DUPLICATE(Action.EXCLUDED, "perceptual hash within the threshold of an earlier item"),
    EMPTY_CAPTION(Action.EXCLUDED, "caption is empty after normalisation"),
    MISSING_CAPTION(Action.EXCLUDED, "no caption given");

    /** What cleaning did. */
    public enum Action { REJECTED, IGNORED, FIXED, EXCLUDED }

    private final Action action;
    private final String description;

    CleaningReason(Action action, String description) {
        this.action = action;
        this.description = description;
    }

    public Action action() {
        return action;
    }

    public String description() {
        return description;
    }
}
