package com.pokegen.app.generate;

import com.pokegen.app.dialog.DialogService;
import com.pokegen.app.dialog.ErrorMessages;
import com.pokegen.app.service.GalleryEntry;
import com.pokegen.app.service.GalleryService;
import com.pokegen.app.service.GeneratedImage;
import com.pokegen.app.service.GenerationRequest;
import com.pokegen.app.service.GenerationService;
import com.pokegen.app.service.ModelChoice;
import com.pokegen.app.service.ModelDefaults;
import com.pokegen.app.service.ProgressMonitor;
import com.pokegen.app.task.BackgroundTask;
import com.pokegen.app.task.Debouncer;
import com.pokegen.app.task.TaskExecutor;
import com.pokegen.app.task.TaskHandle;
import com.pokegen.app.task.UiScheduler;
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

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The prompt canvas. Every keystroke cancels the render in flight and restarts a
 * {@link #DEBOUNCE} wait; when typing pauses, one render starts with the current settings. The
 * seed stays as it is until the designer asks for a new one ({@link #reroll}) or types one. Side
 * by side renders the student and the teacher for the same seed, each with its own steps and
 * guidance. The grid draws {@link #gridSizeProperty()} neighbouring seeds, one image per call.
 * Every image made is kept in the gallery; renders that succeed put their prompt at the top of
 * the history.
 */
public final class PromptViewModel {

    static final Duration DEBOUNCE = Duration.ofMillis(300);
    static final int VARIATIONS = 4;
    static final int MAX_GRID = 64;
    static final int HISTORY_SIZE = 20;
    /** Seeds stay below 2^31 so they survive JSON, spinners and other tools. */
    static final long SEED_BOUND = 1L << 31;

    private final GenerationService generator;
    private final GalleryService gallery;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final LongSupplier randomSeeds;
    private final ImageSaver saver;
    private final Debouncer debouncer;

    private final StringProperty prompt = new SimpleStringProperty("");
    private final LongProperty seed = new SimpleLongProperty();
    private final IntegerProperty steps = new SimpleIntegerProperty();
    private final DoubleProperty guidance = new SimpleDoubleProperty();
    private final IntegerProperty teacherSteps = new SimpleIntegerProperty();
    private final DoubleProperty teacherGuidance = new SimpleDoubleProperty();
    private final ObjectProperty<ModelChoice> model = new SimpleObjectProperty<>(ModelChoice.STUDENT);
    private final BooleanProperty sideBySide = new SimpleBooleanProperty(false);
    private final IntegerProperty gridSize = new SimpleIntegerProperty(VARIATIONS);
    private final IntegerProperty saveScale = new SimpleIntegerProperty(1);

    private final ReadOnlyObjectWrapper<GeneratedImage> image = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<GeneratedImage> comparison = new ReadOnlyObjectWrapper<>();
    private final ObservableList<GeneratedImage> variations = FXCollections.observableArrayList();
    private final ObservableList<String> history = FXCollections.observableArrayList();
    private final ObservableList<GeneratedImage> variationsView = FXCollections.unmodifiableObservableList(variations);
    private final ObservableList<String> historyView = FXCollections.unmodifiableObservableList(history);
    private final ReadOnlyBooleanWrapper rendering = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Type a prompt");

    private Consumer<List<GalleryEntry>> onKept = kept -> { };
    private TaskHandle render;
    private TaskHandle variationRender;

    public PromptViewModel(GenerationService generator, GalleryService gallery, TaskExecutor executor,
                           UiScheduler scheduler, DialogService dialogs, LongSupplier randomSeeds) {
        this.generator = generator;
        this.gallery = gallery;
        this.executor = executor;
        this.dialogs = dialogs;
        this.randomSeeds = randomSeeds;
        this.saver = new ImageSaver(gallery, executor, dialogs);
        this.debouncer = new Debouncer(scheduler, DEBOUNCE, this::renderNow);
        seed.set(nextRandomSeed());
        ModelDefaults student = generator.defaults(ModelChoice.STUDENT);
        ModelDefaults teacher = generator.defaults(ModelChoice.TEACHER);
        steps.set(student.steps());
        guidance.set(student.guidance());
        teacherSteps.set(teacher.steps());
        teacherGuidance.set(teacher.guidance());
        // change (not invalidation) listeners: invalidation fires once until someone reads the value
        for (ObservableValue<?> setting : List.of(prompt, seed, steps, guidance, teacherSteps, teacherGuidance, model,
                sideBySide)) {
            setting.addListener((obs, old, now) -> settingsChanged());
        }
        model.addListener((obs, old, now) -> showIfUnavailable());
        showIfUnavailable();
    }

    /** Hears about images kept in the gallery (on the FX thread), newest first. */
    public void setOnKept(Consumer<List<GalleryEntry>> listener) {
        this.onKept = Objects.requireNonNull(listener);
    }

    /** Says so at once when the chosen model is missing, instead of after the first keystroke. */
    private void showIfUnavailable() {
        generator.unavailable(model.get()).ifPresent(status::set);
    }

    /** Restarts the debounce wait and stops the render in flight: its result would be stale. */
    private void settingsChanged() {
        cancelRender();
        debouncer.trigger();
    }

    /** Renders the current prompt now (Enter, or the debounce firing), with the seed shown. */
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
        List<GenerationRequest> requests = requestsFor(text, seed.get());
        rendering.set(true);
        status.set("Rendering…");
        render = BackgroundTask.of("Rendering preview", monitor -> renderAndKeep(requests, monitor))
                .quiet()
                .onSuccess(made -> {
                    rendering.set(false);
                    image.set(made.images().get(0));
                    comparison.set(made.images().size() > 1 ? made.images().get(1) : null);
                    remember(text);
                    status.set(describe(made.images()) + made.keepProblem());
                    onKept.accept(made.kept());
                })
                .onFailure(error -> {
                    rendering.set(false);
                    status.set("Could not render: " + ErrorMessages.describe(error));
                })
                .onCancelled(() -> rendering.set(false))
                .executeWith(executor);
    }

    /** Images drawn in one task and what the gallery kept of them. */
    private record Made(List<GeneratedImage> images, List<GalleryEntry> kept, String keepProblem) {
    }

    /** Draws each request alone (one image per engine call) and keeps each in the gallery. */
    private Made renderAndKeep(List<GenerationRequest> requests, ProgressMonitor monitor) throws IOException {
        List<GeneratedImage> images = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            monitor.checkCancelled();
            if (requests.size() > 1) {
                monitor.progress(i, requests.size(), "Image " + (i + 1) + " of " + requests.size());
            }
            images.add(generator.generate(requests.get(i), monitor));
        }
        List<GalleryEntry> kept = new ArrayList<>();
        try {
            for (GeneratedImage made : images) {
                kept.add(0, gallery.keep(made));
            }
            return new Made(images, kept, "");
        } catch (IOException e) {
            return new Made(images, kept, " · not kept in the gallery: " + ErrorMessages.describe(e));
        }
    }

    /** A new random seed, rendered at once. */
    public void reroll() {
        seed.set(nextRandomSeed());
        renderNow();
    }

    /** Draws {@link #gridSizeProperty()} images with seeds {@code seed, seed+1, ...} of the current settings. */
    public void renderVariations() {
        String text = prompt.get().strip();
        if (text.isEmpty()) {
            return;
        }
        if (variationRender != null) {
            variationRender.cancel();
        }
        GenerationRequest base = primaryRequest(text, seed.get());
        List<GenerationRequest> requests = new ArrayList<>();
        for (int i = 0; i < gridSize.get(); i++) {
            requests.add(base.withSeed((base.seed() + i) % SEED_BOUND));
        }
        variations.clear();
        variationRender = BackgroundTask.of("Rendering a grid of " + requests.size(), monitor -> renderAndKeep(requests, monitor))
                .onSuccess(made -> {
                    variations.setAll(made.images());
                    onKept.accept(made.kept());
                    if (!made.keepProblem().isEmpty()) {
                        status.set(made.images().size() + " images" + made.keepProblem());
                    }
                })
                .onFailure(error -> status.set("Could not render the grid: " + ErrorMessages.describe(error)))
                .executeWith(executor);
    }

    /**
     * Adopts a grid image: its seed becomes the seed and its image the preview. Side by side, the
     * teacher's half is drawn again for that seed, so both halves show the same seed.
     */
    public void useVariation(GeneratedImage variation) {
        show(variation);
        if (sideBySide.get()) {
            GenerationRequest teacher = request(variation.request().prompt(), variation.request().seed(), ModelChoice.TEACHER);
            rendering.set(true);
            render = BackgroundTask.of("Rendering the teacher", monitor -> renderAndKeep(List.of(teacher), monitor))
                    .quiet()
                    .onSuccess(made -> {
                        rendering.set(false);
                        comparison.set(made.images().get(0));
                        status.set(describe(List.of(variation, made.images().get(0))) + made.keepProblem());
                        onKept.accept(made.kept());
                    })
                    .onFailure(error -> {
                        rendering.set(false);
                        status.set("Could not render the teacher: " + ErrorMessages.describe(error));
                    })
                    .onCancelled(() -> rendering.set(false))
                    .executeWith(executor);
        }
    }

    /** Puts a gallery image back: its prompt, seed, model, steps and guidance, and it as the preview. */
    public void restore(GeneratedImage kept) {
        GenerationRequest request = kept.request();
        sideBySide.set(false);
        model.set(request.model());
        stepsProperty(request.model()).set(request.steps());
        (request.model() == ModelChoice.STUDENT ? guidance : teacherGuidance).set(request.guidance());
        prompt.set(request.prompt());
        show(kept);
    }

    /** Shows {@code shown} as the preview with its seed, without rendering. */
    private void show(GeneratedImage shown) {
        seed.set(shown.request().seed());
        cancelRender();
        debouncer.cancel();
        image.set(shown);
        comparison.set(null);
        status.set(describe(List.of(shown)));
    }

    /** Puts a remembered prompt back in the box (which renders it). */
    public void usePrompt(String remembered) {
        prompt.set(remembered);
    }

    /** Asks where to save the preview, then writes it (enlarged {@link #saveScaleProperty()} times). */
    public void save() {
        GeneratedImage current = image.get();
        if (current == null) {
            return;
        }
        dialogs.chooseSaveFile("Save image", suggestedName(current), null)
                .ifPresent(file -> saver.save(List.of(current), List.of(file), saveScale.get()));
    }

    /** Asks for a folder, then writes every grid image there (or the preview and its comparison). */
    public void saveAllImages() {
        List<GeneratedImage> all = new ArrayList<>(variations);
        if (all.isEmpty()) {
            for (GeneratedImage shown : new GeneratedImage[] {image.get(), comparison.get()}) {
                if (shown != null) {
                    all.add(shown);
                }
            }
        }
        if (all.isEmpty()) {
            return;
        }
        dialogs.chooseDirectory("Save all images", null).ifPresent(dir ->
                saver.save(all, all.stream().map(made -> dir.resolve(suggestedName(made))).toList(), saveScale.get()));
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

    /** "Student 1 step 7 ms · Teacher 25 steps 90 ms · seed 3". */
    static String describe(List<GeneratedImage> results) {
        StringBuilder text = new StringBuilder();
        for (GeneratedImage result : results) {
            if (!text.isEmpty()) {
                text.append(" · ");
            }
            GenerationRequest request = result.request();
            text.append(request.model()).append(' ').append(stepsText(request.steps())).append(' ')
                    .append(result.elapsedMs()).append(" ms");
        }
        return text.append(" · seed ").append(results.get(0).request().seed()).toString();
    }

    /** "Teacher · 25 steps · guidance 5.0": what drew one half of the comparison. */
    static String caption(GeneratedImage shown) {
        GenerationRequest request = shown.request();
        return request.model() + " · " + stepsText(request.steps()) + " · guidance " + request.guidance();
    }

    private static String stepsText(int count) {
        return count + (count == 1 ? " step" : " steps");
    }

    static String suggestedName(GeneratedImage generated) {
        String slug = generated.request().prompt().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
        slug = slug.length() > 40 ? slug.substring(0, 40) : slug;
        String model = generated.request().model() == ModelChoice.TEACHER ? "-teacher" : "";
        return (slug.isEmpty() ? "image" : slug) + "-" + generated.request().seed() + model + ".png";
    }

    public StringProperty promptProperty() {
        return prompt;
    }

    public LongProperty seedProperty() {
        return seed;
    }

    /** Student steps (1 to the student's most). */
    public IntegerProperty stepsProperty() {
        return steps;
    }

    /** The steps {@code choice} draws with. */
    public IntegerProperty stepsProperty(ModelChoice choice) {
        return choice == ModelChoice.STUDENT ? steps : teacherSteps;
    }

    /** What {@code choice} recommends and allows (the Steps box's range). */
    public ModelDefaults defaults(ModelChoice choice) {
        return generator.defaults(choice);
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

    /** Images the grid draws, 1–{@value #MAX_GRID}. */
    public IntegerProperty gridSizeProperty() {
        return gridSize;
    }

    /** Whole factor saved images are enlarged by (nearest neighbour); 1 saves them as drawn. */
    public IntegerProperty saveScaleProperty() {
        return saveScale;
    }

    /** The preview (the student's when side by side). */
    public ReadOnlyObjectProperty<GeneratedImage> imageProperty() {
        return image.getReadOnlyProperty();
    }

    /** The teacher's image for the same seed when side by side, else null. */
    public ReadOnlyObjectProperty<GeneratedImage> comparisonProperty() {
        return comparison.getReadOnlyProperty();
    }

    /** The grid's images, seeds ascending. */
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
