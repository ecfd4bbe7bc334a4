/**
 * The adapters from the {@code service} interfaces to the engine ({@code EngineDatasetService},
 * {@code EngineGenerationService}, {@code EngineRunService}, {@code EngineEvaluationService}): the
 * only app package that calls engine APIs.
 *
 * <p>May use: {@code service}, {@code service.local} and the engine's public APIs.
 */
package com.pokegen.app.service.engine;
