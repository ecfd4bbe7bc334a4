package com.pokegen.engine.data;

/**
 * One file or item affected by cleaning.
 *
 * @param reason why
 * @param file the file name in the source (or the metadata line it concerns)
 * @param item the dataset item id, or {@code null} when the file was not imported
 * @param detail where and why, with the fix when there is one
 */
public record Finding(CleaningReason reason, String file, String item, String detail) {}
