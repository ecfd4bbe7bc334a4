package com.pokegen.app.service;

/** One number from an evaluation report, keyed by its dotted path ("fd.student_1step"). */
public record Metric(String key, double value) {
}
