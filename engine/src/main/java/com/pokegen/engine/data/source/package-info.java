/**
 * Readers of captioned-picture layouts. Each returns the records it could list and the listing
 * defects (bad metadata lines, repeated, missing, absolute, escaping or symlinked file names).
 *
 * <p>May use: the JDK, Jackson and DuckDB (Parquet) only; nothing else of the engine (it sits below {@code data}).
 */
package com.pokegen.engine.data.source;
