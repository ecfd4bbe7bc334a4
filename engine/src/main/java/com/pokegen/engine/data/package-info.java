/**
 * Datasets: import, cleaning, versions and exports of captioned pictures.
 *
 * <h2>Entry points</h2>
 * <ul>
 *   <li>{@link com.pokegen.engine.data.DatasetImporter#importFrom} copies a source (Hugging Face
 *       imagefolder with {@code metadata.jsonl}, {@code .txt}/{@code .caption} sidecars or kohya
 *       folders, CSV, Hugging Face parquet) into a new dataset folder. The source is only read.</li>
 *   <li>{@link com.pokegen.engine.data.Cleaner#clean} reports defects and records fixes and
 *       exclusions as one undoable journal edit; {@link com.pokegen.engine.data.CleaningReport}
 *       lists every affected file with its {@link com.pokegen.engine.data.CleaningReason}.</li>
 *   <li>{@link com.pokegen.engine.data.Dataset} opens a folder: current state, edits
 *       ({@code editCaption}, {@code exclude}, {@code include}), {@code undo}/{@code redo},
 *       {@code stateAt}, {@code diff}, {@code export}.</li>
 *   <li>{@code data.pack}: the offline Pokémon pack; {@code data.cache}: encoder-output caches.</li>
 * </ul>
 * Long operations take a {@link com.pokegen.engine.data.ProgressListener} and a
 * {@code BooleanSupplier} cancel flag (raised: {@link java.util.concurrent.CancellationException},
 * nothing half-written left behind).
 *
 * <h2>Dataset folder layout (format {@code pokegen-dataset} v1)</h2>
 * <pre>
 * DATASET/
 *   dataset.json            manifest: format, version, source path and layout, import options, item count
 *   import/                 immutable after import (written to import.tmp-*, then renamed)
 *     items.jsonl           one item per line: id, source, caption (as given, or null), image_sha256,
 *                           phash, colour_grid, width, height, meta (the source's other columns)
 *     images/ID.png         the picture, decoded, composited on white, opaque 8-bit RGB
 *     import-findings.json  files the import rejected or fixed (reason, file, detail)
 *   journal.jsonl           append-only edits: {"seq","op":"edit|undo|redo","label","changes":[{item,kind,value}]}
 *   clean-report.json       the last report of `pokegen data clean` (default location)
 *   cache/features/KEY/     encoder outputs per (dataset version, model, resolution, dtype)
 * </pre>
 * Version {@code k} is the state after the first {@code k} journal lines (0 = the import); its
 * hash ({@link com.pokegen.engine.data.DatasetState#version()}) covers ids, pixels, captions,
 * inclusion and metadata, so equal content gives equal versions. Every file is written through a
 * temp sibling ({@code NAME.tmp-XXXXXXXXXXXXXXXX}, see {@link com.pokegen.engine.io.AtomicFiles})
 * and an atomic rename; {@code Dataset.open} deletes such leftovers, so a crash mid-write yields
 * the last committed state.
 *
 * <p>May use: {@code io} and its own subpackages (layer rules: {@code ArchitectureRules}); never {@code model}, {@code pipeline} or above, nor {@code schedule} (a peer).
 */
package com.pokegen.engine.data;
