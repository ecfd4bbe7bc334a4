package com.pokegen.app.service.engine;

import com.pokegen.app.StudioApp;
import com.pokegen.app.generate.PromptView;
import com.pokegen.app.generate.PromptViewModel;
import com.pokegen.app.service.GeneratedImage;
import com.pokegen.app.service.GenerationRequest;
import com.pokegen.app.service.GenerationService;
import com.pokegen.app.service.ModelChoice;
import com.pokegen.app.service.ProgressMonitor;
import com.pokegen.app.service.local.FolderGalleryService;
import com.pokegen.app.task.FxTaskExecutor;
import com.pokegen.app.task.FxUiScheduler;
import com.pokegen.app.testing.FxResponsivenessProbe;
import com.pokegen.app.testing.RecordingDialogs;
import com.pokegen.app.testing.UiTest;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelReader;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The prompt canvas over the real engine: typing a prompt shows a picture the tiny student drew. */
@UiTest
class EnginePromptViewTest {

    @TempDir
    static Path temp;
    private static EngineGenerationService generator;
    private FxTaskExecutor executor;
    private PromptViewModel viewModel;
    private CountingGenerator counting;

    /**
     * The engine service, counting what it started, finished and refused as cancelled; with a gate
     * closed a render waits before reaching the engine (until the gate opens or it is cancelled), so a
     * test can type while it is in flight. The engine itself then checks the cancel flag.
     */
    private static final class CountingGenerator implements GenerationService {
        private final GenerationService engine;
        final List<GenerationRequest> requests = new CopyOnWriteArrayList<>();
        final AtomicInteger cancelled = new AtomicInteger();
        final AtomicInteger completed = new AtomicInteger();
        volatile CountDownLatch gate = new CountDownLatch(0);

        CountingGenerator(GenerationService engine) {
            this.engine = engine;
        }

        @Override
        public GeneratedImage generate(GenerationRequest request, ProgressMonitor monitor) throws IOException {
            requests.add(request);
            try {
                while (!gate.await(5, TimeUnit.MILLISECONDS) && !monitor.isCancelled()) {
                    // hold the render in flight
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                GeneratedImage image = engine.generate(request, monitor);
                completed.incrementAndGet();
                return image;
            } catch (CancellationException e) {
                cancelled.incrementAndGet();
                throw e;
            }
        }

        @Override
        public String deviceName() {
            return engine.deviceName();
        }

        @Override
        public Optional<String> unavailable(ModelChoice model) {
            return engine.unavailable(model);
        }
    }

    @BeforeAll
    static void writeStudent() throws IOException {
        Path student = EngineGenerationServiceTest.writeTinyStudent(temp.resolve("student"));
        generator = new EngineGenerationService(new ModelFolders(student, temp.resolve("teacher")));
    }

    @AfterAll
    static void closeModels() {
        generator.close();
    }

    @Start
    void start(Stage stage) {
        executor = FxTaskExecutor.withThreads("test-work", 2);
        counting = new CountingGenerator(generator);
        viewModel = new PromptViewModel(counting, new FolderGalleryService(temp.resolve("gallery")), executor, new FxUiScheduler(), new RecordingDialogs(), () -> 5);
        Scene scene = new Scene(new PromptView(viewModel), 1000, 700);
        scene.getStylesheets().add(StudioApp.STYLESHEET);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void tearDown() {
        executor.close();
    }

    @Test
    void typingAPromptShowsAnImageThatIsNotBlank(FxRobot robot) throws Exception {
        robot.clickOn("#promptField").write("pikachu");
        // the first render loads the pipeline (MiniLM + tiny UNet/VAE): allow it some time on a busy CPU
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> robot.lookup("#previewImage").queryAs(ImageView.class).getImage() != null);
        WaitForAsyncUtils.waitForFxEvents();

        java.awt.image.BufferedImage drawn = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(rendered().png()));
        assertEquals(16, drawn.getWidth(), "the tiny student draws 16 px");
        assertEquals(16, drawn.getHeight());
        Image image = robot.lookup("#previewImage").queryAs(ImageView.class).getImage();
        int k = (int) image.getWidth() / 16;
        assertTrue(k >= 2, "the preview enlarges the picture, got " + image.getWidth() + " px");
        assertEquals(16 * k, (int) image.getWidth(), "the preview enlarges it by a whole factor");
        PixelReader pixels = image.getPixelReader();
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                int argb = pixels.getArgb(x * k, y * k);
                colours.add(argb);
                assertEquals(argb, pixels.getArgb(x * k + k - 1, y * k + k - 1), "each pixel is a crisp block");
                assertEquals(drawn.getRGB(x, y), argb, "the block shows the pixel the model drew");
            }
        }
        assertTrue(colours.size() > 16, "the student's picture has varied pixels, got " + colours.size() + " colours");
        String status = robot.lookup("#renderStatus").queryAs(Label.class).getText();
        assertTrue(status.startsWith("Student 1 step") && status.endsWith("seed 5"), status);

        Path gallery = temp.resolve("gallery");
        try (java.util.stream.Stream<Path> kept = java.nio.file.Files.list(gallery)) {
            assertTrue(kept.filter(f -> f.toString().endsWith(".png")).anyMatch(f -> {
                try {
                    return Arrays.equals(rendered().png(), java.nio.file.Files.readAllBytes(f));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }), "the student's picture is kept in the gallery byte for byte");
        }
    }

    private static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private GeneratedImage rendered() {
        return viewModel.imageProperty().get();
    }

    /** The ARGB pixels the preview shows. */
    private static int[] shownPixels(FxRobot robot) {
        Image image = robot.lookup("#previewImage").queryAs(ImageView.class).getImage();
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        int[] argb = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                argb[y * width + x] = image.getPixelReader().getArgb(x, y);
            }
        }
        return argb;
    }

    @Test
    void typingWhileTheEngineRendersCancelsTheStaleRender(FxRobot robot) throws Exception {
        counting.gate = new CountDownLatch(1);
        TextField field = robot.lookup("#promptField").queryAs(TextField.class);
        robot.interact(() -> field.setText("a fire"));
        waitUntil(() -> counting.requests.size() == 1);

        robot.clickOn("#promptField").write(" dragon");
        waitUntil(() -> counting.cancelled.get() == 1 && counting.requests.size() == 2);
        counting.gate.countDown();
        waitUntil(() -> counting.completed.get() == 1 && rendered() != null);

        assertEquals(1, counting.cancelled.get(), "the engine refused the stale render once");
        assertEquals(2, counting.requests.size(), "one cancelled render, one finished");
        assertEquals("a fire dragon", rendered().request().prompt());
    }

    @Test
    void theSeedStaysWhileTypingSoTheSamePromptDrawsTheSamePixelsAndNewSeedChangesThem(FxRobot robot) throws Exception {
        robot.interact(() -> viewModel.seedProperty().set(1234));
        robot.clickOn("#promptField").write("bulbasaur");
        waitUntil(() -> rendered() != null && counting.completed.get() >= 1);
        GeneratedImage first = rendered();
        int[] firstPixels = shownPixels(robot);

        robot.clickOn("#promptField").type(KeyCode.BACK_SPACE).write("r"); // the same prompt, rendered again
        waitUntil(() -> rendered() != first && !viewModel.renderingProperty().get());
        GeneratedImage second = rendered();
        assertNotSame(first, second);
        assertEquals(1234, second.request().seed());
        assertEquals(first.request(), second.request());
        assertTrue(Arrays.equals(first.png(), second.png()), "the same PNG bytes from the same seed");
        assertTrue(Arrays.equals(firstPixels, shownPixels(robot)), "the same pixels on screen");

        robot.clickOn("#rerollButton"); // asking for a new seed draws one at once
        waitUntil(() -> rendered() != second && !viewModel.renderingProperty().get());
        GeneratedImage third = rendered();
        assertFalse(third.request().seed() == 1234, "New seed changes the seed");
        assertFalse(Arrays.equals(firstPixels, shownPixels(robot)), "another seed, other pixels");
    }

    @Test
    void theFxThreadKeepsPulsingWhileTheEngineRenders(FxRobot robot) throws Exception {
        robot.clickOn("#promptField").write("a");
        waitUntil(() -> counting.completed.get() >= 1); // the pipeline is loaded: measure renders, not the load

        FxResponsivenessProbe probe = FxResponsivenessProbe.start();
        int before = counting.completed.get();
        for (int round = 0; round < 3; round++) {
            int typed = counting.completed.get();
            robot.clickOn("#promptField").write(" fire"); // each keystroke cancels and restarts a render
            waitUntil(() -> counting.completed.get() > typed && !viewModel.renderingProperty().get());
            int rendered = counting.completed.get();
            robot.clickOn("#variationsButton"); // four more renders
            waitUntil(() -> counting.completed.get() >= rendered + 4);
        }
        probe.stop();

        System.out.println("Prompt canvas responsiveness: " + probe + "; renders " + (counting.completed.get() - before));
        assertTrue(counting.completed.get() - before >= 15, "the engine rendered during the window");
        assertTrue(probe.maxBlockingMs() < 100, "the FX thread blocked itself between pulses while rendering: " + probe);
        if (FxResponsivenessProbe.machineHasSpareCores()) {
            assertTrue(probe.maxPulseGapMs() < 100, "FX pulse gap while rendering: " + probe);
            assertTrue(probe.maxRunLaterDelayMs() < 100, "FX run-later delay while rendering: " + probe);
        }
    }
}
