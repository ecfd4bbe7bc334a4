/**
 * Evaluation building blocks: feature extractors (Inception, CLIP, the in-domain encoder) and
 * their preprocessing, metrics (FID, KID, CLIP score, Bradley–Terry rankings of human A/B votes),
 * reference statistics and caches, speed benchmarks, and HTML/CSV/SVG reports. {@code eval.run}
 * composes them into runs.
 *
 * <p>May use: {@code train}, {@code pipeline}, {@code schedule}, {@code data}, {@code model..} and
 * {@code io}; never {@code export} (a peer) or {@code cli}.
 */
package com.pokegen.engine.eval;
