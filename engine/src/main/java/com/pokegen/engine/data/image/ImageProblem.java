package com.pokegen.engine.data.image;

/** An image that cannot be used, with the kind of defect and a human-readable detail. */
public final class ImageProblem extends Exception {

    private static final long serialVersionUID = 1L;

    /** What is wrong with the file. */
    public enum Kind { UNSUPPORTED_FORMAT, UNDECODABLE, TRUNCATED, DECOMPRESSION_BOMB, FILE_TOO_LARGE }

    private final Kind kind;

    public ImageProblem(Kind kind, String detail) {
        super(detail);
        this.kind = kind;
    }

    public ImageProblem(Kind kind, String detail, Throwable cause) {
        super(detail, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
