/**
 * The caption editor: edit one caption, find and replace across the dataset
 * ({@code CaptionView}, {@code CaptionViewModel}).
 *
 * <p>May use: {@code service}, {@code task}, {@code view} and {@code dataset} (its session); never the
 * engine.
 */
package com.pokegen.app.captions;
