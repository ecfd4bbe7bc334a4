package com.pokegen.app.dataset;

import com.pokegen.app.dialog.DialogService;
import com.pokegen.app.service.DatasetItem;
import com.pokegen.app.service.DatasetService;
import com.pokegen.app.service.DatasetSummary;
import com.pokegen.app.service.EditResult;
import com.pokegen.app.service.ReplacePreview;
import com.pokegen.app.service.ReplaceQuery;
import com.pokegen.app.task.BackgroundTask;
import com.pokegen.app.task.TaskExecutor;
import com.pokegen.app.task.TaskHandle;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The open dataset as the whole app shares it (browser, caption editor, drag-and-drop). Owns the
 * FX-side item list and sends every change to the {@link DatasetService} through a serial
 * executor, so edits, undos and redos reach the journal in the order the user made them; the
 * list is updated from each edit's result.
 */
public final class DatasetSession {

    private final DatasetService service;
    private final TaskExecutor executor;
    private final DialogService dialogs;

    private final ObservableList<DatasetItem> items = FXCollections.observableArrayList();
    /** One wrapper for good: unmodifiable views hold their listeners weakly. */
    private final ObservableList<DatasetItem> itemsView = FXCollections.unmodifiableObservableList(items);
    private final Map<String, Integer> indexById = new HashMap<>();
    private final ReadOnlyObjectWrapper<DatasetSummary> dataset = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<TaskHandle> importTask = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper lastEdit = new ReadOnlyStringWrapper("");

    /**
     * @param executor must run tasks one at a time in submission order (e.g. {@code FxTaskExecutor.serial})
     */
    public DatasetSession(DatasetService service, TaskExecutor executor, DialogService dialogs) {
        this.service = service;
        this.executor = executor;
        this.dialogs = dialogs;
    }

    /** Opens (imports) a folder with progress; the previous import, if any, is cancelled. */
    public void open(Path folder) {
        load("Opening dataset " + folder.getFileName(), "Could not open the dataset " + folder,
                monitor -> service.open(folder, monitor));
    }

    /** Reopens the dataset of the last session, if there is one and nothing was opened meanwhile. */
    public void reopenLast() {
        BackgroundTask.of("Finding the last dataset", monitor -> service.lastOpened())
                .quiet()
                .onSuccess(last -> last.filter(folder -> dataset.get() == null && importTask.get() == null).ifPresent(this::open))
                .onFailure(error -> { })
                .executeWith(executor);
    }

    /** Whether the service can build the offline Pokémon pack. */
    public boolean supportsPokemonPack() {
        return service.supportsPokemonPack();
    }

    /** Builds (or reuses) the Pokémon pack and opens it, with progress like an import. */
    public void openPokemonPack() {
        load("Building the Pokémon pack", "Could not build the Pokémon pack", service::openPokemonPack);
    }

    @FunctionalInterface
    private interface Load {
        DatasetSummary run(com.pokegen.app.service.ProgressMonitor monitor) throws Exception;
    }

    private void load(String title, String failure, Load load) {
        cancelImport();
        TaskHandle[] self = new TaskHandle[1];
        Runnable finished = () -> {
            if (importTask.get() == self[0]) {
                importTask.set(null);
            }
        };
        self[0] = BackgroundTask.of(title, load::run)
                .onSuccess(summary -> {
                    finished.run();
                    show(summary);
                })
                .onFailure(error -> {
                    finished.run();
                    dialogs.showError(failure, error);
                })
                .onCancelled(finished)
                .executeWith(executor);
        if (self[0].activeProperty().get()) {
            importTask.set(self[0]);
        }
    }

    public void cancelImport() {
        TaskHandle running = importTask.get();
        if (running != null) {
            running.cancel();
            importTask.set(null);
        }
    }

    public void setCaption(String id, String caption) {
        edit("Saving caption", () -> service.setCaption(id, caption));
    }

    public void setExcluded(Collection<String> ids, boolean excluded) {
        if (!ids.isEmpty()) {
            List<String> copy = List.copyOf(ids);
            edit(excluded ? "Excluding items" : "Including items", () -> service.setExcluded(copy, excluded));
        }
    }

    public void undo() {
        edit("Undo", service::undo);
    }

    public void redo() {
        edit("Redo", service::redo);
    }

    public void applyReplace(ReplaceQuery query) {
        edit("Replacing in captions", () -> service.applyReplace(query));
    }

    /** Computes a find/replace preview off the FX thread; returns the task so a newer one can cancel it. */
    public TaskHandle previewReplace(ReplaceQuery query, Consumer<List<ReplacePreview>> onPreview) {
        return BackgroundTask.of("Previewing replace", monitor -> service.previewReplace(query))
                .quiet()
                .onSuccess(onPreview)
                .onFailure(error -> dialogs.showError("Could not preview the replacement", error))
                .executeWith(executor);
    }

    public Optional<DatasetItem> find(String id) {
        Integer index = indexById.get(id);
        return index == null ? Optional.empty() : Optional.of(items.get(index));
    }

    public int indexOf(String id) {
        return indexById.getOrDefault(id, -1);
    }

    @FunctionalInterface
    private interface Edit {
        EditResult run() throws Exception;
    }

    private void edit(String title, Edit edit) {
        BackgroundTask.of(title, monitor -> edit.run())
                .quiet()
                .onSuccess(this::apply)
                .onFailure(error -> dialogs.showError(title + " failed", error))
                .executeWith(executor);
    }

    private void show(DatasetSummary summary) {
        indexById.clear();
        for (int i = 0; i < summary.items().size(); i++) {
            indexById.put(summary.items().get(i).id(), i);
        }
        items.setAll(summary.items());
        canUndo.set(summary.canUndo());
        canRedo.set(summary.canRedo());
        lastEdit.set("");
        dataset.set(summary);
    }

    private void apply(EditResult result) {
        for (DatasetItem changed : result.changed()) {
            Integer index = indexById.get(changed.id());
            if (index != null) {
                items.set(index, changed);
            }
        }
        canUndo.set(result.canUndo());
        canRedo.set(result.canRedo());
        if (!result.description().isEmpty()) {
            lastEdit.set(result.description());
        }
    }

    /** All items in dataset order; replaced wholesale on open, element-wise on edits. */
    public ObservableList<DatasetItem> items() {
        return itemsView;
    }

    public ReadOnlyObjectProperty<DatasetSummary> datasetProperty() {
        return dataset.getReadOnlyProperty();
    }

    /** The running import, or null. */
    public ReadOnlyObjectProperty<TaskHandle> importTaskProperty() {
        return importTask.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    /** What the latest edit, undo or redo did. */
    public ReadOnlyStringProperty lastEditProperty() {
        return lastEdit.getReadOnlyProperty();
    }
}
