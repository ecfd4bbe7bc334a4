package com.pokegen.engine.data.source;

/**
 * A listing defect.
 *
 * @param problem what is wrong
 * @param name the file name or record it concerns (relative to the source)
 * @param detail where and why, for the report
 */
public record SourceIssue(SourceProblem problem, String name, String detail) {}
