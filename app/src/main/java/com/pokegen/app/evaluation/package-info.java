/**
 * The evaluation page: metric reports, model rankings and human A/B votes
 * ({@code EvaluationView}, {@code EvaluationViewModel}).
 *
 * <p>May use: {@code service}, {@code task}, {@code dialog} and {@code view}; never the engine.
 */
package com.pokegen.app.evaluation;
