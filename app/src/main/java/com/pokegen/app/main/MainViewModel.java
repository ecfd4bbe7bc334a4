package com.pokegen.app.main;

import com.pokegen.app.dataset.DatasetSession;
import com.pokegen.app.service.GenerationService;
import com.pokegen.app.task.BackgroundTask;
import com.pokegen.app.task.TaskExecutor;
import com.pokegen.app.task.TaskHandle;
import com.pokegen.app.task.UiScheduler;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The main window: which page shows, the status bar (device, memory, current task with progress
 * and cancel) and the window-wide actions (drop a folder to open it as a dataset, undo/redo).
 */
public final class MainViewModel {

    static final Duration MEMORY_PERIOD = Duration.ofSeconds(2);

    private final DatasetSession dataset;
    private final List<TaskExecutor> executors;
    private final LongSupplier usedMemory;
    private final long maxMemory;

    private final ObjectProperty<Page> page = new SimpleObjectProperty<>(Page.DATASET);
    private final ReadOnlyStringWrapper device = new ReadOnlyStringWrapper("Engine: starting…");
    private final ReadOnlyStringWrapper memory = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper speed = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<TaskHandle> currentTask = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper taskTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper taskMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper taskProgress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyBooleanWrapper taskRunning = new ReadOnlyBooleanWrapper();

    /**
     * @param executors every executor whose visible tasks belong in the status bar
     * @param usedMemory bytes in use now (the JVM heap by default; the engine may add native memory)
     */
    public MainViewModel(DatasetSession dataset, GenerationService generator, List<TaskExecutor> executors,
                         UiScheduler scheduler, LongSupplier usedMemory, long maxMemory) {
        this.dataset = dataset;
        this.executors = List.copyOf(executors);
        this.usedMemory = usedMemory;
        this.maxMemory = maxMemory;
        for (TaskExecutor executor : this.executors) {
            executor.activeTasks().addListener((ListChangeListener<TaskHandle>) change -> updateCurrentTask());
        }
        BackgroundTask.of("Asking the engine for its device", monitor -> generator.deviceName())
                .quiet()
                .onSuccess(name -> device.set("Engine: " + name))
                .onFailure(error -> device.set("Engine: unavailable"))
                .executeWith(this.executors.get(0));
        BackgroundTask.of("Reading the student's measured speed", monitor -> generator.speedSummary())
                .quiet()
                .onSuccess(summary -> speed.set(summary.orElse("")))
                .executeWith(this.executors.get(0));
        updateMemory();
        scheduler.scheduleRepeating(MEMORY_PERIOD, this::updateMemory);
        updateCurrentTask();
    }

    /** The default memory probe: the JVM heap in use. */
    public static long heapInUse() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    public void show(Page target) {
        page.set(target);
    }

    /** The folder a drop would open: exactly one directory among the dragged files. */
    public static Optional<Path> droppableFolder(List<File> files) {
        if (files == null || files.size() != 1 || !files.get(0).isDirectory()) {
            return Optional.empty();
        }
        return Optional.of(files.get(0).toPath());
    }

    /** Opens a dropped folder as the dataset and shows the browser. */
    public boolean drop(List<File> files) {
        Optional<Path> folder = droppableFolder(files);
        folder.ifPresent(path -> {
            dataset.open(path);
            page.set(Page.DATASET);
        });
        return folder.isPresent();
    }

    public void undo() {
        dataset.undo();
    }

    public void redo() {
        dataset.redo();
    }

    public void cancelCurrentTask() {
        TaskHandle task = currentTask.get();
        if (task != null) {
            task.cancel();
        }
    }

    private void updateCurrentTask() {
        List<TaskHandle> visible = new ArrayList<>();
        executors.forEach(executor -> executor.activeTasks().stream().filter(TaskHandle::isVisible).forEach(visible::add));
        TaskHandle latest = visible.isEmpty() ? null : visible.get(visible.size() - 1);
        if (latest == currentTask.get()) {
            return;
        }
        currentTask.set(latest);
        taskTitle.unbind();
        taskMessage.unbind();
        taskProgress.unbind();
        if (latest == null) {
            taskTitle.set("");
            taskMessage.set("");
            taskProgress.set(0);
            taskRunning.set(false);
        } else {
            taskTitle.set(latest.title() + (visible.size() > 1 ? " (+" + (visible.size() - 1) + " more)" : ""));
            taskMessage.bind(latest.messageProperty());
            taskProgress.bind(latest.progressProperty());
            taskRunning.set(true);
        }
    }

    private void updateMemory() {
        long usedMb = usedMemory.getAsLong() >> 20;
        memory.set(maxMemory > 0 ? "Memory " + usedMb + " / " + (maxMemory >> 20) + " MB" : "Memory " + usedMb + " MB");
    }

    public ObjectProperty<Page> pageProperty() {
        return page;
    }

    public ReadOnlyStringProperty deviceProperty() {
        return device.getReadOnlyProperty();
    }

    /** The shipped student's measured speed-up (models/speed.json), or "" when none applies. */
    public ReadOnlyStringProperty speedProperty() {
        return speed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty memoryProperty() {
        return memory.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TaskHandle> currentTaskProperty() {
        return currentTask.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty taskTitleProperty() {
        return taskTitle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty taskMessageProperty() {
        return taskMessage.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty taskProgressProperty() {
        return taskProgress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty taskRunningProperty() {
        return taskRunning.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return dataset.canUndoProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return dataset.canRedoProperty();
    }
}
