package com.pokegen.app.service;

/** Which network draws: the distilled few-step student or the many-step teacher it learned from. */
public enum ModelChoice {
    STUDENT("Student"),
    TEACHER("Teacher");

    private final String label;

    ModelChoice(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
