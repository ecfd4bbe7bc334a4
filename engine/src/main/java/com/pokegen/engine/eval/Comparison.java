package com.pokegen.engine.eval;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One human A/B judgement: a rater saw two images for one prompt and preferred one (or neither).
 *
 * @param id row id assigned by the store (0 before storing)
 * @param imageA path or id of the left image
 * @param modelA the run/model (and step count) that made image A, e.g. "student@4"
 */
public record Comparison(long id, String prompt, String imageA, String imageB, String modelA, String modelB,
        Preference preferred, String rater, Instant time) {

    /** The rater's choice. */
    public enum Preference {
        A, B, TIE, SKIP;

        /** Stored/exported form: a, b, tie, skip. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Preference parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("preference must be a, b, tie or skip, got '" + s + "'", e);
            }
        }
    }

    public Comparison {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(imageA, "imageA");
        Objects.requireNonNull(imageB, "imageB");
        Objects.requireNonNull(preferred, "preferred");
        Objects.requireNonNull(rater, "rater");
        Objects.requireNonNull(time, "time");
        if (Objects.requireNonNull(modelA, "modelA").equals(Objects.requireNonNull(modelB, "modelB"))) {
            throw new IllegalArgumentException("an A/B comparison needs two different models, got " + modelA + " twice");
        }
    }
}
