package com.pokegen.app.service;

/** One caption a find/replace would change: before and after. */
public record ReplacePreview(String id, String before, String after) {
}
