/**
 * The dataset page: import, browse and clean a dataset ({@code DatasetView},
 * {@code DatasetViewModel}, {@code DatasetSession}, thumbnail cells).
 *
 * <p>May use: {@code service}, {@code task}, {@code dialog} and {@code view}; never the engine.
 */
package com.pokegen.app.dataset;
