package com.pokegen.app.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pokegen.app.service.GeneratedImage;
import com.pokegen.app.service.GenerationRequest;
import com.pokegen.app.service.ModelChoice;
import com.pokegen.app.service.local.FolderGalleryService;
import com.pokegen.app.task.CurrentThreadTaskExecutor;
import com.pokegen.app.task.QueuedTaskExecutor;
import com.pokegen.app.testing.FakeGenerationService;
import com.pokegen.app.testing.ManualScheduler;
import com.pokegen.app.testing.RecordingDialogs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PromptViewModelTest {

    private FakeGenerationService generator;
    private ManualScheduler scheduler;
    private RecordingDialogs dialogs;
    private final AtomicLong nextSeed = new AtomicLong(100);
    @TempDir
    Path galleryDir;

    @BeforeEach
    void setUp() {
        generator = new FakeGenerationService();
        scheduler = new ManualScheduler();
        dialogs = new RecordingDialogs();
    }

    private PromptViewModel viewModel(com.pokegen.app.task.TaskExecutor executor) {
        return new PromptViewModel(generator, new FolderGalleryService(galleryDir), executor, scheduler, dialogs,
                nextSeed::getAndIncrement);
    }

    private void type(PromptViewModel viewModel, String text) {
        for (int i = 1; i <= text.length(); i++) {
            viewModel.promptProperty().set(text.substring(0, i));
            scheduler.advance(Duration.ofMillis(50));
        }
    }

    @Test
    void typingRendersOnceAfterTheDebounce() {
        PromptViewModel viewModel = viewModel(new CurrentThreadTaskExecutor());
        type(viewModel, "pikachu");
        assertEquals(0, generator.requests.size(), "still typing: 50 ms gaps < 300 ms");
        scheduler.advance(PromptViewModel.DEBOUNCE);
        assertEquals(1, generator.requests.size());
        GenerationRequest request = generator.requests.get(0);
        assertEquals(new GenerationRequest("pikachu", 100, 1, 0.0, ModelChoice.STUDENT), request);
        assertEquals(request, viewModel.imageProperty().get().request());
        assertEquals(100, viewModel.seedProperty().get(), "the unlocked seed that was used is shown");
        assertEquals(List.of("pikachu"), viewModel.history());
        assertEquals("Student 1 step 7 ms · seed 100", viewModel.statusProperty().get());
        assertFalse(viewModel.renderingProperty().get());
    }

    @Test
    void aNewerKeystrokeCancelsTheQueuedRender() {
        QueuedTaskExecutor executor = new QueuedTaskExecutor();
        PromptViewModel viewModel = viewModel(executor);
        viewModel.promptProperty().set("a fire");
        scheduler.advance(PromptViewModel.DEBOUNCE);
        assertEquals(1, executor.queuedCount());
        assertTrue(viewModel.renderingProperty().get());

        viewModel.promptProperty().set("a fire dragon");
        assertEquals(1, executor.cancelledCount(), "the keystroke cancels the render in flight");
        assertEquals(0, executor.queuedCount());
        scheduler.advance(PromptViewModel.DEBOUNCE);
        executor.runAll();

        assertEquals(1, generator.requests.size(), "only the newest prompt reached the engine");
        assertEquals("a fire dragon", viewModel.imageProperty().get().request().prompt());
        assertEquals(List.of("a fire dragon"), viewModel.history());
    }

    @Test
    void theSeedStaysWhileTypingAndRerollChangesIt() {
        PromptViewModel viewModel = viewModel(new CurrentThreadTaskExecutor());
        viewModel.seedProperty().set(7);
        type(viewModel, "bulbasaur");
        scheduler.advance(PromptViewModel.DEBOUNCE);
        viewModel.stepsProperty().set(4);
        scheduler.advance(PromptViewModel.DEBOUNCE);
        assertEquals(List.of(7L, 7L), generator.requests.stream().map(GenerationRequest::seed).toList());
        assertEquals(4, generator.requests.get(1).steps());

        viewModel.reroll();
        assertEquals(101, viewModel.seedProperty().get(), "a new seed only when asked");
        assertEquals(101, generator.requests.get(2).seed());
        scheduler.advance(Duration.ofSeconds(1));
        assertEquals(3, generator.requests.size(), "setting the seed itself schedules nothing");
    }

    @Test
    void sideBySideRendersStudentAndTeacherWithTheSameSeed() {
        PromptViewModel viewModel = viewModel(new CurrentThreadTaskExecutor());
        viewModel.sideBySideProperty().set(true);
        viewModel.promptProperty().set("mew");
        scheduler.advance(PromptViewModel.DEBOUNCE);
        assertEquals(List.of(new GenerationRequest("mew", 100, 1, 0.0, ModelChoice.STUDENT),
                new GenerationRequest("mew", 100, 25, 5.0, ModelChoice.TEACHER)), generator.requests);
        assertEquals(ModelChoice.TEACHER, viewModel.comparisonProperty().get().request().model());

        viewModel.sideBySideProperty().set(false);
        viewModel.modelProperty().set(ModelChoice.TEACHER);
        scheduler.advance(PromptViewModel.DEBOUNCE);
        assertEquals(ModelChoice.TEACHER, viewModel.imageProperty().get().request().model());
        assertNull(viewModel.comparisonProperty().get());
    }

    @Test
    void variationsUseNeighbouringSeedsAndCanBeAdopted() {
        PromptViewModel viewModel = viewModel(new CurrentThreadTaskExecutor());
        viewModel.seedProperty().set(10);
        viewModel.promptProperty().set("eevee");
        viewModel.renderVariations();
        assertEquals(List.of(10L, 11L, 12L, 13L), viewModel.variations().stream().map(v -> v.request().seed()).toList());

        viewModel.useVariation(viewModel.variations().get(2));
        assertEquals(12, viewModel.seedProperty().get());
        assertEquals(12, viewModel.imageProperty().get().request().seed());
        scheduler.advance(Duration.ofSeconds(1));
        assertEquals(4, generator.requests.size(), "adopting cancels the pending debounce render");
    }

    @Test
    void failuresShowAsStatusNotDialogs() {
        generator.failWith = "No image model is connected";
        PromptViewModel viewModel = viewModel(new CurrentThreadTaskExecutor());
        viewModel.promptProperty().set("ditto");
        scheduler.advance(PromptViewModel.DEBOUNCE);
        assertEquals("Could not render: No image model is connected", viewModel.statusProperty().get());
        assertTrue(dialogs.errors.isEmpty());
        assertTrue(viewModel.history().isEmpty());
    }

    @Test
    void historyIsNewestFirstWithoutDuplicates() {
        PromptViewModel viewModel = viewModel(new CurrentThreadTaskExecutor());
        for (String prompt : List.of("a", "b", "a", "c")) {
            viewModel.promptProperty().set(prompt);
            scheduler.advance(PromptViewModel.DEBOUNCE);
        }
        assertEquals(List.of("c", "a", "b"), viewModel.history());
        viewModel.usePrompt("b");
        scheduler.advance(PromptViewModel.DEBOUNCE);
        assertEquals(List.of("b", "c", "a"), viewModel.history());
    }

    @Test
    void savesPngAndJsonSidecar(@TempDir Path dir) throws IOException {
        PromptViewModel viewModel = viewModel(new CurrentThreadTaskExecutor());
        viewModel.promptProperty().set("Mega Charizard X!");
        scheduler.advance(PromptViewModel.DEBOUNCE);
        GeneratedImage shown = viewModel.imageProperty().get();
        dialogs.nextSaveFile = dir.resolve("out").resolve("charizard.png");
        viewModel.save();

        byte[] png = Files.readAllBytes(dialogs.nextSaveFile);
        assertArrayEquals(shown.png(), png);
        assertEquals(FakeGenerationService.redOf(100), ImageIO.read(dialogs.nextSaveFile.toFile()).getRGB(3, 3) >> 16 & 0xff);
        JsonNode sidecar = new ObjectMapper().readTree(dir.resolve("out").resolve("charizard.json").toFile());
        assertEquals("Mega Charizard X!", sidecar.get("prompt").asText());
        assertEquals(100, sidecar.get("seed").asLong());
        assertEquals(1, sidecar.get("steps").asInt());
        assertEquals("student", sidecar.get("model").asText());
        assertEquals(List.of("Saved charizard.png and its settings"), dialogs.notices);
    }

    @Test
    void everyRenderIsKeptInTheGalleryAndRestoringPutsItsSettingsBackWithoutDrawing() throws IOException {
        PromptViewModel viewModel = viewModel(new CurrentThreadTaskExecutor());
        List<com.pokegen.app.service.GalleryEntry> kept = new java.util.ArrayList<>();
        viewModel.setOnKept(kept::addAll);
        viewModel.sideBySideProperty().set(true);
        viewModel.promptProperty().set("onix");
        scheduler.advance(PromptViewModel.DEBOUNCE);
        assertEquals(2, kept.size(), "student and teacher both kept");
        assertEquals(List.of(ModelChoice.TEACHER, ModelChoice.STUDENT), kept.stream().map(e -> e.request().model()).toList(),
                "newest first");
        FolderGalleryService gallery = new FolderGalleryService(galleryDir);
        assertEquals(2, gallery.list(com.pokegen.app.service.ProgressMonitor.NONE).size());

        viewModel.promptProperty().set("something else");
        scheduler.advance(PromptViewModel.DEBOUNCE);
        int drawn = generator.requests.size();
        viewModel.restore(gallery.open(kept.get(0)));
        scheduler.advance(Duration.ofSeconds(1));
        assertEquals(drawn, generator.requests.size(), "restoring draws nothing");
        assertEquals("onix", viewModel.promptProperty().get());
        assertEquals(ModelChoice.TEACHER, viewModel.modelProperty().get());
        assertFalse(viewModel.sideBySideProperty().get());
        assertEquals(25, viewModel.stepsProperty(ModelChoice.TEACHER).get());
        assertEquals(ModelChoice.TEACHER, viewModel.imageProperty().get().request().model());
    }

    @Test
    void adoptingAGridImageSideBySideDrawsTheTeacherForItsSeed() {
        PromptViewModel viewModel = viewModel(new CurrentThreadTaskExecutor());
        viewModel.sideBySideProperty().set(true);
        viewModel.gridSizeProperty().set(3);
        viewModel.promptProperty().set("abra");
        viewModel.renderVariations();
        assertEquals(List.of(100L, 101L, 102L), viewModel.variations().stream().map(v -> v.request().seed()).toList());
        assertTrue(viewModel.variations().stream().allMatch(v -> v.request().model() == ModelChoice.STUDENT));

        viewModel.useVariation(viewModel.variations().get(1));
        assertEquals(101, viewModel.imageProperty().get().request().seed());
        assertEquals(new GenerationRequest("abra", 101, 25, 5.0, ModelChoice.TEACHER),
                viewModel.comparisonProperty().get().request(), "both halves show seed 101");
        assertEquals("Teacher · 25 steps · guidance 5.0", PromptViewModel.caption(viewModel.comparisonProperty().get()));
    }

    @Test
    void stepsStartAtWhatEachModelRecommends() {
        com.pokegen.app.service.GenerationService twoStep = new com.pokegen.app.service.GenerationService() {
            @Override
            public GeneratedImage generate(GenerationRequest request, com.pokegen.app.service.ProgressMonitor monitor)
                    throws IOException {
                return generator.generate(request, monitor);
            }

            @Override
            public String deviceName() {
                return "fake";
            }

            @Override
            public com.pokegen.app.service.ModelDefaults defaults(ModelChoice model) {
                return model == ModelChoice.STUDENT ? new com.pokegen.app.service.ModelDefaults(2, 2, 0.0)
                        : new com.pokegen.app.service.ModelDefaults(50, 1000, 7.5);
            }
        };
        PromptViewModel viewModel = new PromptViewModel(twoStep, new FolderGalleryService(galleryDir),
                new CurrentThreadTaskExecutor(), scheduler, dialogs, nextSeed::getAndIncrement);
        assertEquals(2, viewModel.stepsProperty().get());
        assertEquals(50, viewModel.teacherStepsProperty().get());
        assertEquals(7.5, viewModel.teacherGuidanceProperty().get());
        viewModel.sideBySideProperty().set(true);
        viewModel.promptProperty().set("kadabra");
        scheduler.advance(PromptViewModel.DEBOUNCE);
        assertEquals(List.of(2, 50), generator.requests.stream().map(GenerationRequest::steps).toList());
    }

    @Test
    void saveAllWritesEveryGridImageEnlarged(@TempDir Path dir) throws IOException {
        PromptViewModel viewModel = viewModel(new CurrentThreadTaskExecutor());
        viewModel.promptProperty().set("geodude");
        viewModel.renderVariations();
        viewModel.saveScaleProperty().set(2);
        dialogs.nextDirectory = dir;
        viewModel.saveAllImages();
        for (long seed = 100; seed < 104; seed++) {
            assertEquals(32, ImageIO.read(dir.resolve("geodude-" + seed + ".png").toFile()).getWidth());
            assertTrue(Files.isRegularFile(dir.resolve("geodude-" + seed + ".json")));
        }
        assertEquals(List.of("Saved 4 images and their settings to " + dir), dialogs.notices);
    }
}
