/**
 * The Generate page ({@code GeneratePage}): the prompt canvas ({@code PromptView},
 * {@code PromptViewModel}, {@code PixelPreview}), the gallery of every image made
 * ({@code GalleryView}, {@code GalleryViewModel}, {@code ComparisonStrip}) and batch runs
 * ({@code BatchRunView}, {@code BatchRunViewModel}).
 *
 * <p>May use: {@code service}, {@code task}, {@code dialog}, {@code view}; files are written by
 * the {@code GalleryService}, never here; nothing of the engine.
 */
package com.pokegen.app.generate;
