package com.pokegen.app.service;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * The dataset the studio curates: open a folder, edit captions, exclude items, undo and redo.
 *
 * <p>Every mutating call is journaled by the implementation before it returns (autosave), and
 * returns the changed items so the UI can update without reloading everything. Calls block: the
 * app makes them on a worker thread, one at a time, in submission order. Implementations must be
 * thread-safe.
 */
public interface DatasetService {

    /**
     * Opens (importing if needed) the dataset in {@code folder}. Reports progress per image and
     * stops with {@link java.util.concurrent.CancellationException} when cancelled.
     *
     * @throws IOException when the folder cannot be read; the message names the path
     */
    DatasetSummary open(Path folder, ProgressMonitor monitor) throws IOException;

    /** All items of the open dataset in a stable order (empty when none is open). */
    List<DatasetItem> items();

    /** Sets one caption (one undo step). */
    EditResult setCaption(String id, String caption) throws IOException;

    /** Excludes or includes several items at once (one undo step). */
    EditResult setExcluded(Collection<String> ids, boolean excluded) throws IOException;

    /** Undoes the latest edit; an empty result when there is nothing to undo. */
    EditResult undo() throws IOException;

    /** Redoes the latest undone edit; an empty result when there is nothing to redo. */
    EditResult redo() throws IOException;

    /** The captions a find/replace would change, without changing them. */
    List<ReplacePreview> previewReplace(ReplaceQuery query);

    /** Applies a find/replace to every matching caption (one undo step). */
    EditResult applyReplace(ReplaceQuery query) throws IOException;

    /** Whether {@link #openPokemonPack} is available (it needs the engine). */
    /** The dataset folder opened last (in an earlier session too), if it still exists. */
    default java.util.Optional<Path> lastOpened() {
        return java.util.Optional.empty();
    }

    default boolean supportsPokemonPack() {
        return false;
    }

    /**
     * Builds (or reuses) the offline Pokémon pack and opens it like {@link #open}.
     *
     * @throws UnsupportedOperationException when {@link #supportsPokemonPack()} is false
     */
    default DatasetSummary openPokemonPack(ProgressMonitor monitor) throws IOException {
        throw new UnsupportedOperationException("This build cannot build the Pokémon pack: use ./pokegen data pokemon-pack "
                + "and import its folder");
    }
}
