/**
 * The prompt page: generate images from a chosen model and save them with a JSON sidecar
 * ({@code PromptView}, {@code PromptViewModel}).
 *
 * <p>May use: {@code service}, {@code task}, {@code dialog}, {@code view} and the engine's
 * {@code io.AtomicFiles} for saving (the one documented exception); nothing else of the engine.
 */
package com.pokegen.app.generate;
