package com.pokegen.app.generate;

import com.pokegen.app.service.GalleryEntry;
import com.pokegen.app.service.GeneratedImage;
import com.pokegen.app.service.GenerationRequest;
import com.pokegen.app.service.ModelChoice;
import com.pokegen.app.service.ProgressMonitor;
import com.pokegen.app.service.local.FolderGalleryService;
import com.pokegen.app.task.CurrentThreadTaskExecutor;
import com.pokegen.app.testing.FakeGenerationService;
import com.pokegen.app.testing.RecordingDialogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GalleryViewModelTest {

    @TempDir
    Path temp;
    private final FakeGenerationService generator = new FakeGenerationService();
    private final RecordingDialogs dialogs = new RecordingDialogs();
    private final List<GeneratedImage> restored = new ArrayList<>();

    private GalleryEntry keep(FolderGalleryService gallery, String prompt, long seed) throws IOException {
        return gallery.keep(generator.generate(new GenerationRequest(prompt, seed, 1, 0, ModelChoice.STUDENT),
                ProgressMonitor.NONE));
    }

    @Test
    void filtersByEveryWordRestoresComparesAndDeletes() throws IOException {
        FolderGalleryService gallery = new FolderGalleryService(temp.resolve("g"));
        keep(gallery, "a Fire dragon", 1);
        keep(gallery, "a water turtle", 2);
        keep(gallery, "fire turtle", 3);
        GalleryViewModel viewModel = new GalleryViewModel(gallery, new CurrentThreadTaskExecutor(), dialogs,
                restored::add, () -> 1);
        viewModel.reload();
        assertEquals(3, viewModel.shown().size());

        viewModel.filterProperty().set("turtle FIRE");
        assertEquals(List.of("fire turtle"), viewModel.shown().stream().map(e -> e.request().prompt()).toList());
        viewModel.filterProperty().set("");
        assertEquals(3, viewModel.shown().size());

        GalleryEntry dragon = viewModel.shown().stream().filter(e -> e.request().seed() == 1).findFirst().orElseThrow();
        viewModel.restore(dragon);
        assertEquals(dragon.request(), restored.get(0).request());

        viewModel.selected().setAll(viewModel.shown().subList(0, 2));
        viewModel.compareSelected();
        assertEquals(2, viewModel.compared().size());
        viewModel.deleteSelected();
        assertEquals(1, viewModel.shown().size());
        assertEquals(1, gallery.list(ProgressMonitor.NONE).size());
        assertTrue(viewModel.compared().isEmpty(), "deleted images leave the comparison");
        assertEquals("Deleted 2 images", viewModel.statusProperty().get());
    }

    @Test
    void savingSelectedCopiesThemEnlargedKeepingTheirNames() throws IOException {
        FolderGalleryService gallery = new FolderGalleryService(temp.resolve("g"));
        GalleryEntry one = keep(gallery, "ekans", 4);
        GalleryViewModel viewModel = new GalleryViewModel(gallery, new CurrentThreadTaskExecutor(), dialogs,
                restored::add, () -> 3);
        viewModel.reload();
        viewModel.selected().setAll(one);
        dialogs.nextDirectory = temp.resolve("out");
        viewModel.saveSelected();
        Path saved = temp.resolve("out").resolve(one.png().getFileName());
        assertEquals(48, javax.imageio.ImageIO.read(saved.toFile()).getWidth());
        assertTrue(Files.isRegularFile(FolderGalleryService.sidecarOf(saved)));
        assertFalse(dialogs.notices.isEmpty());
    }
}
