package com.pokegen.app.service;

import java.nio.file.Path;

/** Two images drawn for one prompt by two systems, shown unlabelled for a human vote. */
public record AbPair(String id, String prompt, Path left, Path right) {
}
