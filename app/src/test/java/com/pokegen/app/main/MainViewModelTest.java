package com.pokegen.app.main;

import com.pokegen.app.dataset.DatasetSession;
import com.pokegen.app.service.GeneratedImage;
import com.pokegen.app.service.GenerationRequest;
import com.pokegen.app.service.GenerationService;
import com.pokegen.app.service.ProgressMonitor;
import com.pokegen.app.task.CurrentThreadTaskExecutor;
import com.pokegen.app.testing.FakeDatasetService;
import com.pokegen.app.testing.FakeGenerationService;
import com.pokegen.app.testing.ManualScheduler;
import com.pokegen.app.testing.RecordingDialogs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainViewModelTest {

    @TempDir
    Path dir;
    private final FakeDatasetService datasets = new FakeDatasetService(3);
    private final ManualScheduler scheduler = new ManualScheduler();
    private final AtomicLong used = new AtomicLong(300L << 20);

    private MainViewModel viewModel() {
        return viewModel(new FakeGenerationService());
    }

    private MainViewModel viewModel(GenerationService generator) {
        CurrentThreadTaskExecutor executor = new CurrentThreadTaskExecutor();
        DatasetSession session = new DatasetSession(datasets, executor, new RecordingDialogs());
        return new MainViewModel(session, generator, List.of(executor), scheduler, used::get, 6144L << 20);
    }

    @Test
    void onlyASingleFolderIsDroppable() throws IOException {
        File folder = dir.toFile();
        File file = Files.writeString(dir.resolve("a.txt"), "x").toFile();
        assertEquals(Optional.of(dir), MainViewModel.droppableFolder(List.of(folder)));
        assertTrue(MainViewModel.droppableFolder(List.of(file)).isEmpty());
        assertTrue(MainViewModel.droppableFolder(List.of(folder, folder)).isEmpty());
        assertTrue(MainViewModel.droppableFolder(List.of()).isEmpty());
    }

    @Test
    void droppingAFolderOpensTheDatasetPage() {
        MainViewModel viewModel = viewModel();
        viewModel.show(Page.GENERATE);
        assertFalse(viewModel.drop(List.of(dir.resolve("missing").toFile())));
        assertEquals(Page.GENERATE, viewModel.pageProperty().get());
        assertTrue(viewModel.drop(List.of(dir.toFile())));
        assertEquals(Page.DATASET, viewModel.pageProperty().get());
        assertEquals(List.of("open " + dir), datasets.calls);
    }

    @Test
    void statusBarShowsDeviceAndRefreshesMemory() {
        MainViewModel viewModel = viewModel();
        assertEquals("Engine: fake CPU", viewModel.deviceProperty().get());
        assertEquals("Memory 300 / 6144 MB", viewModel.memoryProperty().get());
        used.set(512L << 20);
        scheduler.advance(Duration.ofSeconds(2));
        assertEquals("Memory 512 / 6144 MB", viewModel.memoryProperty().get());
        assertFalse(viewModel.taskRunningProperty().get(), "nothing runs after synchronous tasks");
    }

    @Test
    void statusBarShowsTheStudentsMeasuredSpeedOnlyWhenThereIsOne() {
        assertEquals("", viewModel().speedProperty().get());
        FakeGenerationService fake = new FakeGenerationService();
        GenerationService measured = new GenerationService() {
            @Override
            public GeneratedImage generate(GenerationRequest request, ProgressMonitor monitor) throws IOException {
                return fake.generate(request, monitor);
            }

            @Override
            public String deviceName() {
                return fake.deviceName();
            }

            @Override
            public Optional<String> speedSummary() {
                return Optional.of("Student 1 step 40 ms, 30.0× faster than the teacher (4 steps: 12.0×)");
            }
        };
        MainViewModel viewModel = viewModel(measured);
        assertEquals("Student 1 step 40 ms, 30.0× faster than the teacher (4 steps: 12.0×)",
                viewModel.speedProperty().get());
    }

    @Test
    void undoAndRedoReachTheDatasetJournal() {
        MainViewModel viewModel = viewModel();
        viewModel.drop(List.of(dir.toFile()));
        viewModel.undo();
        viewModel.redo();
        assertEquals(List.of("open " + dir, "undo", "redo"), datasets.calls);
    }
}
