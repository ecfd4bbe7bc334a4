package com.pokegen.app.dataset;

import com.pokegen.app.dialog.DialogService;
import com.pokegen.app.service.DatasetItem;
import com.pokegen.app.task.TaskHandle;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import javafx.collections.transformation.FilteredList;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The dataset browser: filters the session's items by caption text and by cleaning flag, keeps a
 * multi-selection for exclude/include, a focused item for the detail pane, and the import state.
 */
public final class DatasetViewModel {

    public static final String ALL = "All items";
    public static final String EXCLUDED = "Excluded";
    public static final String INCLUDED = "Included";

    private final DatasetSession session;
    private final DialogService dialogs;

    private final StringProperty filterText = new SimpleStringProperty("");
    private final ObjectProperty<String> flagFilter = new SimpleObjectProperty<>(ALL);
    private final ObservableList<String> filterChoices = FXCollections.observableArrayList(ALL, EXCLUDED, INCLUDED);
    /** One wrapper for good: unmodifiable views hold their listeners weakly. */
    private final ObservableList<String> filterChoicesView = FXCollections.unmodifiableObservableList(filterChoices);
    private final FilteredList<DatasetItem> visible;
    private final ObservableSet<String> selectedIds = FXCollections.observableSet();
    /** One wrapper for good: unmodifiable views hold their listeners weakly. */
    private final ObservableSet<String> selectedIdsView = FXCollections.unmodifiableObservableSet(selectedIds);
    private final ReadOnlyObjectWrapper<DatasetItem> focused = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("No dataset open: import a folder or drop one here");
    private final ReadOnlyBooleanWrapper importing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper importProgress = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyStringWrapper importMessage = new ReadOnlyStringWrapper("");
    private final BooleanBinding selectionEmpty = Bindings.isEmpty(selectedIds);
    private Path lastFolder;

    public DatasetViewModel(DatasetSession session, DialogService dialogs) {
        this.session = session;
        this.dialogs = dialogs;
        this.visible = new FilteredList<>(session.items());
        filterText.addListener((obs, old, now) -> refilter());
        flagFilter.addListener((obs, old, now) -> refilter());
        session.items().addListener((ListChangeListener<DatasetItem>) change -> itemsChanged(change));
        visible.addListener((ListChangeListener<DatasetItem>) change -> updateSummary());
        session.importTaskProperty().addListener((obs, old, task) -> trackImport(task));
        session.datasetProperty().addListener((obs, old, now) -> {
            selectedIds.clear();
            focused.set(null);
            if (now != null) {
                lastFolder = now.folder();
            }
            notice.set(now == null ? "" : now.notice());
        });
        trackImport(session.importTaskProperty().get());
    }

    /** Asks for a folder and imports it. */
    public void importFolder() {
        dialogs.chooseDirectory("Import a dataset folder", lastFolder).ifPresent(session::open);
    }

    /** Builds (once; later reuses) the offline Pokémon pack and opens it. */
    public void importPokemonPack() {
        session.openPokemonPack();
    }

    /** Whether the Pokémon pack button does anything in this build. */
    public boolean pokemonPackAvailable() {
        return session.supportsPokemonPack();
    }

    public void cancelImport() {
        session.cancelImport();
    }

    /** A click on an item: plain replaces the selection, {@code toggle} (Ctrl/Cmd) adds or removes. */
    public void click(DatasetItem item, boolean toggle) {
        if (toggle) {
            if (!selectedIds.remove(item.id())) {
                selectedIds.add(item.id());
            }
        } else {
            selectedIds.clear();
            selectedIds.add(item.id());
        }
        focused.set(item);
    }

    public void selectAllVisible() {
        visible.forEach(item -> selectedIds.add(item.id()));
    }

    public void clearSelection() {
        selectedIds.clear();
    }

    public void excludeSelected() {
        session.setExcluded(List.copyOf(selectedIds), true);
    }

    public void includeSelected() {
        session.setExcluded(List.copyOf(selectedIds), false);
    }

    private void refilter() {
        visible.setPredicate(predicate(filterText.get(), flagFilter.get()));
        updateSummary();
    }

    static Predicate<DatasetItem> predicate(String text, String flag) {
        String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        Predicate<DatasetItem> byText = needle.isEmpty() ? item -> true
                : item -> item.caption().toLowerCase(Locale.ROOT).contains(needle)
                || item.id().toLowerCase(Locale.ROOT).contains(needle);
        Predicate<DatasetItem> byFlag;
        if (flag == null || ALL.equals(flag)) {
            byFlag = item -> true;
        } else if (EXCLUDED.equals(flag)) {
            byFlag = DatasetItem::excluded;
        } else if (INCLUDED.equals(flag)) {
            byFlag = item -> !item.excluded();
        } else {
            byFlag = item -> item.flags().contains(flag);
        }
        return byText.and(byFlag);
    }

    private void itemsChanged(ListChangeListener.Change<? extends DatasetItem> change) {
        DatasetItem current = focused.get();
        if (current != null) {
            focused.set(session.find(current.id()).orElse(null));
        }
        Set<String> flags = new TreeSet<>();
        session.items().forEach(item -> flags.addAll(item.flags()));
        List<String> choices = new java.util.ArrayList<>(List.of(ALL, EXCLUDED, INCLUDED));
        choices.addAll(flags);
        if (!choices.equals(filterChoices)) {
            filterChoices.setAll(choices);
        }
        updateSummary();
    }

    private void updateSummary() {
        int total = session.items().size();
        if (session.datasetProperty().get() == null && total == 0) {
            return;
        }
        long excluded = session.items().stream().filter(DatasetItem::excluded).count();
        summary.set(visible.size() + " of " + total + " shown · " + excluded + " excluded");
    }

    private void trackImport(TaskHandle task) {
        importing.unbind();
        importProgress.unbind();
        importMessage.unbind();
        if (task == null) {
            importing.set(false);
            importProgress.set(-1);
            importMessage.set("");
        } else {
            importing.bind(task.activeProperty());
            importProgress.bind(task.progressProperty());
            importMessage.bind(task.messageProperty());
        }
    }

    public StringProperty filterTextProperty() {
        return filterText;
    }

    /** {@link #ALL}, {@link #EXCLUDED}, {@link #INCLUDED} or a cleaning flag. */
    public ObjectProperty<String> flagFilterProperty() {
        return flagFilter;
    }

    public ObservableList<String> filterChoices() {
        return filterChoicesView;
    }

    /** The items passing both filters, in dataset order. */
    public ObservableList<DatasetItem> visibleItems() {
        return visible;
    }

    public ObservableSet<String> selectedIds() {
        return selectedIdsView;
    }

    public BooleanBinding selectionEmptyBinding() {
        return selectionEmpty;
    }

    public ReadOnlyObjectProperty<DatasetItem> focusedProperty() {
        return focused.getReadOnlyProperty();
    }

    /** What the person should know about the open dataset's import (images without captions), or empty. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public void dismissNotice() {
        notice.set("");
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty importingProperty() {
        return importing.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty importProgressProperty() {
        return importProgress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty importMessageProperty() {
        return importMessage.getReadOnlyProperty();
    }
}
