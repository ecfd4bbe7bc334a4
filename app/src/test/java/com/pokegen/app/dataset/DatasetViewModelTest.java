package com.pokegen.app.dataset;

import com.pokegen.app.service.DatasetItem;
import com.pokegen.app.task.CurrentThreadTaskExecutor;
import com.pokegen.app.testing.FakeDatasetService;
import com.pokegen.app.testing.RecordingDialogs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetViewModelTest {

    private FakeDatasetService service;
    private RecordingDialogs dialogs;
    private DatasetSession session;
    private DatasetViewModel viewModel;

    @BeforeEach
    void setUp() {
        service = new FakeDatasetService(30);
        dialogs = new RecordingDialogs();
        session = new DatasetSession(service, new CurrentThreadTaskExecutor(), dialogs);
        viewModel = new DatasetViewModel(session, dialogs);
        dialogs.nextDirectory = Path.of("/data/pokemon");
        viewModel.importFolder();
    }

    private List<String> visibleIds() {
        return viewModel.visibleItems().stream().map(DatasetItem::id).toList();
    }

    @Test
    void importShowsAllItemsAndOffersFlagFilters() {
        assertEquals(List.of("open /data/pokemon"), service.calls);
        assertEquals(30, viewModel.visibleItems().size());
        assertEquals(List.of(DatasetViewModel.ALL, DatasetViewModel.EXCLUDED, DatasetViewModel.INCLUDED, "blurry"),
                viewModel.filterChoices());
        assertEquals("30 of 30 shown · 0 excluded", viewModel.summaryProperty().get());
        assertFalse(viewModel.importingProperty().get());
    }

    @Test
    void filtersByCaptionTextAndFlag() {
        viewModel.filterTextProperty().set("NUMBER 2");
        assertEquals(List.of("0002", "0020", "0021", "0022", "0023", "0024", "0025", "0026", "0027", "0028", "0029"),
                visibleIds());
        viewModel.flagFilterProperty().set("blurry");
        assertEquals(List.of("0020"), visibleIds());
        viewModel.filterTextProperty().set("");
        assertEquals(List.of("0000", "0010", "0020"), visibleIds());
        assertEquals("3 of 30 shown · 0 excluded", viewModel.summaryProperty().get());
    }

    @Test
    void multiSelectExcludeIsOneUndoableEdit() {
        List<DatasetItem> items = List.copyOf(viewModel.visibleItems());
        viewModel.click(items.get(1), false);
        viewModel.click(items.get(3), true);
        viewModel.click(items.get(3), true); // toggled off again
        viewModel.click(items.get(5), true);
        assertEquals(2, viewModel.selectedIds().size());
        viewModel.excludeSelected();

        assertEquals(List.of("open /data/pokemon", "exclude [0001, 0005]"), service.calls);
        viewModel.flagFilterProperty().set(DatasetViewModel.EXCLUDED);
        assertEquals(List.of("0001", "0005"), visibleIds());
        assertTrue(session.canUndoProperty().get());
        assertTrue(viewModel.focusedProperty().get().excluded(), "detail pane follows the edit");

        session.undo();
        assertTrue(viewModel.visibleItems().isEmpty());
        viewModel.flagFilterProperty().set(DatasetViewModel.ALL);
        viewModel.click(items.get(1), false);
        viewModel.includeSelected(); // already included: nothing changes, nothing journaled
        assertEquals(2, service.journalWrites.get(), "exclude and undo wrote, the no-op include did not");
    }

    @Test
    void failedImportIsReportedReadably() {
        DatasetSession failing = new DatasetSession(new com.pokegen.app.service.local.LocalDatasetService(),
                new CurrentThreadTaskExecutor(), dialogs);
        failing.open(Path.of("/definitely/not/here"));
        assertEquals(List.of("Could not open the dataset /definitely/not/here: Not a folder: /definitely/not/here"),
                dialogs.errors);
        assertNull(failing.datasetProperty().get());
    }
}
