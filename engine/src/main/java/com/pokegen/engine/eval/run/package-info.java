/**
 * Evaluation runs: the engine methods behind {@code pokegen train-indomain} and {@code pokegen eval},
 * also called by the app.
 *
 * <ul>
 *   <li>{@link com.pokegen.engine.eval.run.InDomainTraining#train}: trains the offline in-domain
 *       encoder on a dataset's included items (English and French captions) and writes
 *       {@code DIR/in-domain.safetensors} + {@code DIR/in-domain.json} atomically, with the dataset
 *       version it came from.</li>
 *   <li>{@link com.pokegen.engine.eval.run.Evaluation#run}: for a student (and optionally its
 *       teacher) samples K images per prompt (default prompts: a seeded slice of the dataset's
 *       captions), measures in-domain FD / in-domain CLIP score, FID / KID / CLIP score when the
 *       user gives TorchScript files, near-white fraction and seed diversity (collapse signals),
 *       times teacher N steps + CFG against student 1/2/4 steps, and writes
 *       {@code OUT/report.json}, {@code OUT/report.html} and {@code OUT/samples/}.</li>
 * </ul>
 *
 * <p>Output layout of an evaluation:
 * <pre>
 * OUT/report.json              EvalReport: prompts, configurations, metrics (each with extractor,
 *                              sample counts, resize method), sheets (relative PNG paths), speed, notes
 * OUT/report.html              one offline page: inline CSS/SVG, sheets embedded as data URIs
 * OUT/samples/CONFIG/pPPPP-kK.png  every sample; CONFIG = teacher-50, student-1, ...
 * DATASET/cache/eval-stats/    reference statistics per (dataset version, extractor, resize)
 * </pre>
 *
 * <p>Manual check that a report opens and shows its images (Debian package {@code chromium}; the
 * slow test {@code ReportHtmlChromiumTest} does the same on a hand-made report):
 * <pre>
 * chromium --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir=/tmp/chromium-eval \
 *     --screenshot=/tmp/report.png --window-size=1200,2000 file://$PWD/OUT/report.html
 * </pre>
 *
 * <p>May use: every layer below {@code cli} ({@code eval}, {@code train}, {@code pipeline}, {@code schedule}, {@code data}, {@code model..}, {@code io}); never {@code export} (a peer) or {@code cli}.
 */
package com.pokegen.engine.eval.run;
