package com.pokegen.app.captions;

import com.pokegen.app.dataset.DatasetSession;
import com.pokegen.app.service.ReplacePreview;
import com.pokegen.app.task.CurrentThreadTaskExecutor;
import com.pokegen.app.testing.FakeDatasetService;
import com.pokegen.app.testing.ManualScheduler;
import com.pokegen.app.testing.RecordingDialogs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CaptionViewModelTest {

    private FakeDatasetService service;
    private ManualScheduler scheduler;
    private DatasetSession session;
    private CaptionViewModel viewModel;

    @BeforeEach
    void setUp() {
        service = new FakeDatasetService(5);
        scheduler = new ManualScheduler();
        session = new DatasetSession(service, new CurrentThreadTaskExecutor(), new RecordingDialogs());
        viewModel = new CaptionViewModel(session, scheduler);
        session.open(Path.of("/data/set"));
        service.calls.clear();
    }

    @Test
    void opensOnTheFirstItem() {
        assertEquals("0000", viewModel.currentProperty().get().id());
        assertEquals("a pokemon number 0", viewModel.captionTextProperty().get());
        assertEquals("1 / 5", viewModel.positionProperty().get());
        assertFalse(viewModel.dirtyProperty().get());
    }

    @Test
    void typingAutosavesOnceAfterThePause() {
        viewModel.captionTextProperty().set("a red");
        viewModel.captionTextProperty().set("a red fire type");
        assertTrue(viewModel.dirtyProperty().get());
        scheduler.advance(CaptionViewModel.AUTOSAVE_DELAY.minusMillis(1));
        assertEquals(List.of(), service.calls);
        scheduler.advance(Duration.ofMillis(1));
        assertEquals(List.of("caption 0000=a red fire type"), service.calls);
        assertFalse(viewModel.dirtyProperty().get());
        assertEquals("a red fire type", session.items().get(0).caption());
    }

    @Test
    void navigationSavesFirstAndWrapsNowhere() {
        viewModel.captionTextProperty().set("edited");
        viewModel.next();
        assertEquals(List.of("caption 0000=edited"), service.calls);
        assertEquals("a pokemon number 1", viewModel.captionTextProperty().get());
        viewModel.previous();
        viewModel.previous();
        assertEquals("edited", viewModel.captionTextProperty().get());
        assertEquals("1 / 5", viewModel.positionProperty().get());
        viewModel.moveTo(99);
        assertEquals("5 / 5", viewModel.positionProperty().get());
        assertEquals(1, service.calls.size(), "moving without typing journals nothing");
    }

    @Test
    void undoRestoresTheTypedOverCaptionAndRedoReappliesIt() {
        viewModel.captionTextProperty().set("a blue water type");
        viewModel.undo();
        assertEquals(List.of("caption 0000=a blue water type", "undo"), service.calls);
        assertEquals("a pokemon number 0", viewModel.captionTextProperty().get());
        assertEquals("a pokemon number 0", session.items().get(0).caption());
        assertTrue(viewModel.canRedoProperty().get());

        viewModel.redo();
        assertEquals("a blue water type", viewModel.captionTextProperty().get());
        assertFalse(viewModel.canRedoProperty().get());
        scheduler.advance(Duration.ofSeconds(5));
        assertEquals(3, service.calls.size(), "undo/redo loads do not trigger autosave");
    }

    @Test
    void findReplacePreviewIsDebouncedAndAppliesAsOneStep() {
        viewModel.findTextProperty().set("pokemon");
        viewModel.replaceTextProperty().set("creature");
        scheduler.advance(CaptionViewModel.PREVIEW_DELAY);
        assertEquals(List.of("preview pokemon"), service.calls, "one preview for both keystrokes");
        assertEquals(5, viewModel.previews().size());
        assertEquals(new ReplacePreview("0003", "a pokemon number 3", "a creature number 3"), viewModel.previews().get(3));

        viewModel.regexProperty().set(true);
        viewModel.findTextProperty().set("number (\\d)");
        viewModel.replaceTextProperty().set("#$1");
        scheduler.advance(CaptionViewModel.PREVIEW_DELAY);
        assertEquals("a pokemon #3", viewModel.previews().get(3).after());

        viewModel.applyReplace();
        assertEquals("a pokemon #0", viewModel.captionTextProperty().get(), "the shown caption follows the replace");
        scheduler.advance(CaptionViewModel.PREVIEW_DELAY);
        assertTrue(viewModel.previews().isEmpty(), "nothing left to replace");

        viewModel.undo();
        assertEquals("a pokemon number 4", session.items().get(4).caption(), "one undo reverts all five");
    }

    @Test
    void invalidRegexExplainsItselfInsteadOfPreviewing() {
        viewModel.regexProperty().set(true);
        viewModel.findTextProperty().set("number (");
        scheduler.advance(CaptionViewModel.PREVIEW_DELAY);
        assertTrue(viewModel.findProblemProperty().get().startsWith("Invalid regular expression 'number ('"),
                viewModel.findProblemProperty().get());
        assertTrue(viewModel.previews().isEmpty());
        assertEquals(List.of(), service.calls);
    }
}
