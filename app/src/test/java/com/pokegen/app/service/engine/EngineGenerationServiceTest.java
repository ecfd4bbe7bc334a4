package com.pokegen.app.service.engine;

import com.pokegen.app.service.GeneratedImage;
import com.pokegen.app.service.GenerationRequest;
import com.pokegen.app.service.ModelChoice;
import com.pokegen.app.service.ProgressMonitor;
import com.pokegen.engine.pipeline.PokegenMetadata;
import com.pokegen.engine.pipeline.RecommendedSettings;
import com.pokegen.engine.pipeline.ShippedSpeed;
import com.pokegen.engine.pipeline.TinyPipelines;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Generation through the engine's pipeline, on a tiny random student (16×16 images). */
class EngineGenerationServiceTest {

    @TempDir
    static Path temp;
    private static EngineGenerationService service;

    /** A tiny random ADD-student folder (MiniLM text encoder, Euler-ancestral trailing) for app tests. */
    static Path writeTinyStudent(Path dir) throws IOException {
        return TinyPipelines.writeRandomMiniLm(dir, 7, PokegenMetadata.NONE.withRecommended(RecommendedSettings.ADD_STUDENT));
    }

    @BeforeAll
    static void loadTinyStudent() throws IOException {
        Path student = writeTinyStudent(temp.resolve("student"));
        service = new EngineGenerationService(new ModelFolders(student, temp.resolve("no-teacher-here")));
    }

    @AfterAll
    static void close() {
        service.close();
    }

    @Test
    void speedSummaryComesFromTheMeasuredRecordOfThisStudentOnly() throws IOException {
        Path models = temp.resolve("measured-models");
        Path student = Files.createDirectories(models.resolve("pokemon-tiny-student"));
        Files.writeString(student.resolve(PokegenMetadata.FILE),
                "{\"format\": 1, \"id\": \"pokemon-tiny-student\", \"role\": \"student\"}");
        ModelFolders folders = new ModelFolders(student, temp.resolve("no-teacher-here"));
        assertEquals(Optional.empty(), new EngineGenerationService(folders).speedSummary(), "no record yet");

        new ShippedSpeed("pokemon-tiny-student", "pokemon-tiny-teacher", "teacher 50 ddim steps, CFG 3.0", 1500,
                50, 120, 4, "OMP_NUM_THREADS=2", "2026-12-03").write(models.resolve(ShippedSpeed.FILE_NAME));
        assertEquals(Optional.of("Student 1 step 50 ms, 30.0× faster than the teacher (4 steps: 12.5×)"),
                new EngineGenerationService(folders).speedSummary());

        new ShippedSpeed("another-student", "pokemon-tiny-teacher", "teacher", 1500, 50, 120, 4, "", "2026-12-03")
                .write(models.resolve(ShippedSpeed.FILE_NAME));
        assertEquals(Optional.empty(), new EngineGenerationService(folders).speedSummary(),
                "a record measured for another student is not shown");
        assertEquals(Optional.empty(), service.speedSummary(), "the tiny student has no record");
    }

    private static BufferedImage decode(GeneratedImage image) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(image.png()));
    }

    @Test
    void drawsAPngOfTheModelsSizeThatIsNotBlankAndRepeatsForASeed() throws IOException {
        GenerationRequest request = new GenerationRequest("a red fire pokemon", 42, 2, 0, ModelChoice.STUDENT);
        List<Long> steps = new ArrayList<>();
        ProgressMonitor monitor = new ProgressMonitor() {
            @Override
            public void progress(long done, long total, String message) {
                if (total > 0) {
                    steps.add(done);
                }
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
        GeneratedImage first = service.generate(request, monitor);

        BufferedImage image = decode(first);
        assertEquals(TinyPipelines.IMAGE_SIZE, image.getWidth());
        assertEquals(TinyPipelines.IMAGE_SIZE, image.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 16, "a random network draws varied pixels, got " + colours.size() + " colours");
        assertEquals(List.of(1L, 2L), steps, "progress per denoising step");
        assertEquals(request, first.request());

        assertArrayEquals(first.png(), service.generate(request, ProgressMonitor.NONE).png(), "same seed, same image");
        assertFalse(java.util.Arrays.equals(first.png(), service.generate(request.withSeed(43), ProgressMonitor.NONE).png()),
                "another seed draws another image");
    }

    @Test
    void aCancelledRenderStops() {
        ProgressMonitor cancelled = new ProgressMonitor() {
            @Override
            public void progress(long done, long total, String message) {
            }

            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        assertThrows(CancellationException.class, () -> service.generate(
                new GenerationRequest("pikachu", 1, 1, 0, ModelChoice.STUDENT), cancelled));
    }

    @Test
    void aMissingModelFailsWithAMessageNamingTheFolder() {
        IOException error = assertThrows(IOException.class, () -> service.generate(
                new GenerationRequest("pikachu", 1, 25, 5, ModelChoice.TEACHER), ProgressMonitor.NONE));
        assertTrue(error.getMessage().startsWith("No teacher model: " + temp.resolve("no-teacher-here")), error.getMessage());
    }

    @Test
    void saysWhichModelIsMissingBeforeAnyRender() {
        assertEquals(java.util.Optional.empty(), service.unavailable(ModelChoice.STUDENT));
        assertTrue(service.unavailable(ModelChoice.TEACHER).orElseThrow().startsWith("No teacher model: "));

        com.pokegen.app.generate.PromptViewModel viewModel = new com.pokegen.app.generate.PromptViewModel(
                new EngineGenerationService(new ModelFolders(temp.resolve("none"), temp.resolve("none"))),
                new com.pokegen.app.service.local.FolderGalleryService(temp.resolve("gallery")),
                new com.pokegen.app.task.CurrentThreadTaskExecutor(), new com.pokegen.app.testing.ManualScheduler(),
                new com.pokegen.app.testing.RecordingDialogs(), () -> 1);
        String status = viewModel.statusProperty().get();
        assertTrue(status.startsWith("No student model: " + temp.resolve("none") + " is not a diffusers model folder"),
                status);
    }

    @Test
    void theStepsAModelRecommendsAndAllowsComeFromItsPokegenJson() throws IOException {
        Path twoStep = TinyPipelines.writeRandomMiniLm(temp.resolve("two-step"), 7,
                PokegenMetadata.NONE.withRecommended(RecommendedSettings.addStudent(2)));
        try (EngineGenerationService twoStepService = new EngineGenerationService(
                new ModelFolders(twoStep, temp.resolve("no-teacher-here")))) {
            assertEquals(new com.pokegen.app.service.ModelDefaults(1, 2, 0.0), twoStepService.defaults(ModelChoice.STUDENT));
            assertEquals(com.pokegen.app.service.ModelDefaults.TEACHER, twoStepService.defaults(ModelChoice.TEACHER),
                    "a missing teacher falls back to the usual teacher settings");
        }
    }

    @Test
    void reportsTheEnginesDevice() {
        assertEquals("CPU", service.deviceName());
    }
}
