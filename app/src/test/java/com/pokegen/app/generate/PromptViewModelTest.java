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
}
