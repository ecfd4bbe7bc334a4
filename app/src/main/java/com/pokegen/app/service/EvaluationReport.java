package com.pokegen.app.service;

import java.nio.file.Path;
import java.util.List;

/**
 * The numbers and images of one evaluation folder.
 *
 * @param folder        the folder holding report.json
 * @param metrics       every number in report.json, flattened to dotted keys, in file order
 * @param contactSheets images to show beside the numbers
 */
public record EvaluationReport(Path folder, List<Metric> metrics, List<Path> contactSheets) {

    public EvaluationReport {
        metrics = List.copyOf(metrics);
        contactSheets = List.copyOf(contactSheets);
    }
}
