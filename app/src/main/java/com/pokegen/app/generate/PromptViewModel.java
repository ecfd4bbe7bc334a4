package com.pokegen.app.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pokegen.app.dialog.DialogService;
import com.pokegen.app.dialog.ErrorMessages;
import com.pokegen.app.service.GeneratedImage;
import com.pokegen.app.service.GenerationRequest;
import com.pokegen.app.service.GenerationService;
import com.pokegen.app.service.ModelChoice;
import com.pokegen.app.task.BackgroundTask;
import com.pokegen.app.task.Debouncer;
import com.pokegen.app.task.TaskExecutor;
import com.pokegen.app.task.TaskHandle;
import com.pokegen.app.task.UiScheduler;
import com.pokegen.engine.io.AtomicFiles;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The prompt canvas. Every keystroke cancels the render in flight and restarts a
 * {@link #DEBOUNCE} wait; when typing pauses, one render starts with the current settings. With
 * the seed unlocked each render draws a fresh seed (shown, so it can be locked); locked, the seed
 * stays. Side by side renders the student and the teacher for the same seed. Variations draw four
 * neighbouring seeds. Renders that succeed put their prompt at the top of the history.
 */
public final class PromptViewModel {

    static final Duration DEBOUNCE = Duration.ofMillis(300);
    static final int VARIATIONS = 4;
    static final int HISTORY_SIZE = 20;
    /** Seeds stay below 2^31 so they survive JSON, spinners and other tools. */
    static final long SEED_BOUND = 1L << 31;

    private final GenerationService generator;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final LongSupplier randomSeeds;
    private final Debouncer debouncer;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StringProperty prompt = new SimpleStringProperty("");
    private final LongProperty seed = new SimpleLongProperty(42);
    private final BooleanProperty seedLocked = new SimpleBooleanProperty(false);
    private final IntegerProperty steps = new SimpleIntegerProperty(1);
    private final DoubleProperty guidance = new SimpleDoubleProperty(0.0);
    private final IntegerProperty teacherSteps = new SimpleIntegerProperty(25);
    private final DoubleProperty teacherGuidance = new SimpleDoubleProperty(5.0);
    private final ObjectProperty<ModelChoice> model = new SimpleObjectProperty<>(ModelChoice.STUDENT);
    private final BooleanProperty sideBySide = new SimpleBooleanProperty(false);

    private final ReadOnlyObjectWrapper<GeneratedImage> image = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<GeneratedImage> comparison = new ReadOnlyObjectWrapper<>();
    private final ObservableList<GeneratedImage> variations = FXCollections.observableArrayList();
    private final ObservableList<String> history = FXCollections.observableArrayList();
    private final ObservableList<GeneratedImage> variationsView = FXCollections.unmodifiableObservableList(variations);
    private final ObservableList<String> historyView = FXCollections.unmodifiableObservableList(history);
    private final ReadOnlyBooleanWrapper rendering = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Type a prompt");

    private TaskHandle render;
    private TaskHandle variationRender;
    private boolean settingSeed;

    public PromptViewModel(GenerationService generator, TaskExecutor executor, UiScheduler scheduler,
                           DialogService dialogs, LongSupplier randomSeeds) {
        this.generator = generator;
        this.executor = executor;
        this.dialogs = dialogs;
        this.randomSeeds = randomSeeds;
        this.debouncer = new Debouncer(scheduler, DEBOUNCE, this::renderNow);
        // change (not invalidation) listeners: invalidation fires once until someone reads the value
        for (ObservableValue<?> setting : List.of(prompt, steps, guidance, teacherSteps, teacherGuidance, model, sideBySide)) {
            setting.addListener((obs, old, now) -> settingsChanged());
        }
        model.addListener((obs, old, now) -> showIfUnavailable());
        showIfUnavailable();
        seed.addListener((obs, old, now) -> {
            if (!settingSeed) {
                settingsChanged();
            }
        });
    }

    /** Says so at once when the chosen model is missing, instead of after the first keystroke. */
    private void showIfUnavailable() {
        generator.unavailable(model.get()).ifPresent(reason -> status.set(reason));
    }

    /** Restarts the debounce wait and stops the render in flight: its result would be stale. */
    private void settingsChanged() {
        cancelRender();
        debouncer.trigger();
    }

    /** Renders the current prompt now (Enter, or the debounce firing). */
    public void renderNow() {
        debouncer.cancel();
        cancelRender();
        String text = prompt.get().strip();
        if (text.isEmpty()) {
            image.set(null);
            comparison.set(null);
            status.set("Type a prompt");
            return;
        }
        if (!seedLocked.get()) {
            setSeed(nextRandomSeed());
        }
        List<GenerationRequest> requests = requestsFor(text, seed.get());
        rendering.set(true);
        status.set("Rendering…");
        render = BackgroundTask.of("Rendering preview", monitor -> {
                    List<GeneratedImage> results = new ArrayList<>();
                    for (GenerationRequest request : requests) {
                        monitor.checkCancelled();
                        results.add(generator.generate(request, monitor));
                    }
                    return results;
                })
                .quiet()
                .onSuccess(results -> {
                    rendering.set(false);
                    image.set(results.get(0));
                    comparison.set(results.size() > 1 ? results.get(1) : null);
                    remember(text);
                    status.set(describe(results));
                })
                .onFailure(error -> {
                    rendering.set(false);
                    status.set("Could not render: " + ErrorMessages.describe(error));
                })
                .onCancelled(() -> rendering.set(false))
                .executeWith(executor);
    }

    /** A new random seed, rendered at once (also when locked: the new seed stays locked). */
    public void reroll() {
        boolean locked = seedLocked.get();
        setSeed(nextRandomSeed());
        seedLocked.set(true);
        renderNow();
        seedLocked.set(locked);
    }

    /** Draws {@link #VARIATIONS} images with seeds {@code seed, seed+1, ...} of the current settings. */
    public void renderVariations() {
        String text = prompt.get().strip();
        if (text.isEmpty()) {
            return;
        }
        if (variationRender != null) {
            variationRender.cancel();
        }
        GenerationRequest base = primaryRequest(text, seed.get());
        variations.clear();
        variationRender = BackgroundTask.of("Rendering variations", monitor -> {
                    List<GeneratedImage> results = new ArrayList<>();
                    for (int i = 0; i < VARIATIONS; i++) {
                        monitor.checkCancelled();
                        monitor.progress(i, VARIATIONS, "Variation " + (i + 1) + " of " + VARIATIONS);
                        results.add(generator.generate(base.withSeed((base.seed() + i) % SEED_BOUND), monitor));
                    }
                    return results;
                })
                .onSuccess(variations::setAll)
                .onFailure(error -> status.set("Could not render variations: " + ErrorMessages.describe(error)))
                .executeWith(executor);
    }

    /** Adopts a variation: its seed becomes the locked seed and its image the preview. */
    public void useVariation(GeneratedImage variation) {
        setSeed(variation.request().seed());
        seedLocked.set(true);
        cancelRender();
        debouncer.cancel();
        image.set(variation);
        comparison.set(null);
        status.set(describe(List.of(variation)));
    }

    /** Puts a remembered prompt back in the box (which renders it). */
    public void usePrompt(String remembered) {
        prompt.set(remembered);
    }

    /** Asks where to save the preview, then writes it. */
    public void save() {
        GeneratedImage current = image.get();
        if (current == null) {
            return;
        }
        dialogs.chooseSaveFile("Save image", suggestedName(current), null).ifPresent(file -> saveTo(file, current));
    }

    /** Writes the PNG and a JSON sidecar with its settings ({@code name.json}) in the background. */
    public void saveTo(Path file, GeneratedImage generated) {
        BackgroundTask.of("Saving " + file.getFileName(), monitor -> {
                    AtomicFiles.writeBytes(file, generated.png());
                    AtomicFiles.writeString(sidecarOf(file), sidecarJson(generated));
                    return file;
                })
                .onSuccess(saved -> dialogs.notify("Saved " + saved.getFileName() + " and its settings"))
                .onFailure(error -> dialogs.showError("Could not save the image to " + file, error))
                .executeWith(executor);
    }

    static Path sidecarOf(Path png) {
        String name = png.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return png.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".json");
    }

    static String sidecarJson(GeneratedImage generated) throws java.io.IOException {
        GenerationRequest request = generated.request();
        ObjectNode node = JSON.createObjectNode();
        node.put("prompt", request.prompt());
        node.put("seed", request.seed());
        node.put("steps", request.steps());
        node.put("guidance", request.guidance());
        node.put("model", request.model().name().toLowerCase(Locale.ROOT));
        node.put("elapsed_ms", generated.elapsedMs());
        node.put("generator", "PokéGen Studio");
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n";
    }

    private List<GenerationRequest> requestsFor(String text, long currentSeed) {
        if (sideBySide.get()) {
            return List.of(request(text, currentSeed, ModelChoice.STUDENT), request(text, currentSeed, ModelChoice.TEACHER));
        }
        return List.of(primaryRequest(text, currentSeed));
    }

    private GenerationRequest primaryRequest(String text, long currentSeed) {
        return request(text, currentSeed, sideBySide.get() ? ModelChoice.STUDENT : model.get());
    }

    private GenerationRequest request(String text, long currentSeed, ModelChoice choice) {
        return choice == ModelChoice.STUDENT
                ? new GenerationRequest(text, currentSeed, steps.get(), guidance.get(), choice)
                : new GenerationRequest(text, currentSeed, teacherSteps.get(), teacherGuidance.get(), choice);
    }

    private void cancelRender() {
        if (render != null) {
            render.cancel();
            render = null;
        }
    }

    private void remember(String text) {
        history.remove(text);
        history.add(0, text);
        if (history.size() > HISTORY_SIZE) {
            history.remove(HISTORY_SIZE, history.size());
        }
    }

    private long nextRandomSeed() {
        return Math.floorMod(randomSeeds.getAsLong(), SEED_BOUND);
    }

    private void setSeed(long value) {
        settingSeed = true;
        try {
            seed.set(value);
        } finally {
            settingSeed = false;
        }
    }

    private static String describe(List<GeneratedImage> results) {
        StringBuilder text = new StringBuilder();
        for (GeneratedImage result : results) {
            if (!text.isEmpty()) {
                text.append(" · ");
            }
            GenerationRequest request = result.request();
            text.append(request.model()).append(' ').append(request.steps())
                    .append(request.steps() == 1 ? " step " : " steps ").append(result.elapsedMs()).append(" ms");
        }
        return text.append(" · seed ").append(results.get(0).request().seed()).toString();
    }

    private static String suggestedName(GeneratedImage generated) {
        String slug = generated.request().prompt().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
        slug = slug.length() > 40 ? slug.substring(0, 40) : slug;
        return (slug.isEmpty() ? "image" : slug) + "-" + generated.request().seed() + ".png";
    }

    public StringProperty promptProperty() {
        return prompt;
    }

    public LongProperty seedProperty() {
        return seed;
    }

    public BooleanProperty seedLockedProperty() {
        return seedLocked;
    }

    /** Student steps, 1–4. */
    public IntegerProperty stepsProperty() {
        return steps;
    }

    /** Student guidance (ADD students draw with 0). */
    public DoubleProperty guidanceProperty() {
        return guidance;
    }

    public IntegerProperty teacherStepsProperty() {
        return teacherSteps;
    }

    public DoubleProperty teacherGuidanceProperty() {
        return teacherGuidance;
    }

    public ObjectProperty<ModelChoice> modelProperty() {
        return model;
    }

    public BooleanProperty sideBySideProperty() {
        return sideBySide;
    }

    /** The preview (the student's when side by side). */
    public ReadOnlyObjectProperty<GeneratedImage> imageProperty() {
        return image.getReadOnlyProperty();
    }

    /** The teacher's image for the same seed when side by side, else null. */
    public ReadOnlyObjectProperty<GeneratedImage> comparisonProperty() {
        return comparison.getReadOnlyProperty();
    }

    public ObservableList<GeneratedImage> variations() {
        return variationsView;
    }

    /** Recent prompts, newest first. */
    public ObservableList<String> history() {
        return historyView;
    }

    public ReadOnlyBooleanProperty renderingProperty() {
        return rendering.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
