package com.pokegen.engine.data.source;

import java.util.List;

/**
 * What a reader found in a source: usable records and the listing defects it skipped.
 *
 * @param format the layout that was read
 * @param records records whose file passed the path checks, in listing order
 * @param issues defects, in listing order
 */
public record SourceScan(SourceFormat format, List<SourceRecord> records, List<SourceIssue> issues) {}
