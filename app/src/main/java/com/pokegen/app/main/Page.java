package com.pokegen.app.main;

/** The studio's pages, in navigation order, with their Material Design icon literals. */
public enum Page {
    DATASET("Dataset", "mdi2i-image-multiple-outline"),
    CAPTIONS("Captions", "mdi2t-text-box-edit-outline"),
    TRAINING("Training", "mdi2c-chart-line"),
    GENERATE("Generate", "mdi2b-brush-variant"),
    EVALUATION("Evaluation", "mdi2s-scale-balance");

    private final String label;
    private final String icon;

    Page(String label, String icon) {
        this.label = label;
        this.icon = icon;
    }

    public String label() {
        return label;
    }

    public String icon() {
        return icon;
    }

    /** The node id of its navigation button, e.g. {@code nav-dataset}. */
    public String navId() {
        return "nav-" + name().toLowerCase(java.util.Locale.ROOT);
    }
}
