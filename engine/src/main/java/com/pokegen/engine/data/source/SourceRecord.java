package com.pokegen.engine.data.source;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One captioned picture listed by a source.
 *
 * @param name its file name relative to the source, with {@code /} separators
 * @param image where its bytes are
 * @param caption the caption text, or {@code null} when the source gives none
 * @param meta every other column of the record (never the file or caption column)
 */
public record SourceRecord(String name, ImageRef image, String caption, ObjectNode meta) {}
