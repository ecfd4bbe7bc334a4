package com.pokegen.app.task;

import com.pokegen.app.testing.UiTest;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@UiTest
class FxTaskExecutorTest {

    private final FxTaskExecutor executor = FxTaskExecutor.withThreads("test", 2);
    private final List<String> events = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new Pane(), 100, 100));
        stage.show();
    }

    @AfterEach
    void tearDown() {
        executor.close();
    }

    @Test
    void callbacksRunOnTheFxThreadAndProgressIsCoalesced(FxRobot robot) throws Exception {
        AtomicInteger progressChanges = new AtomicInteger();
        TaskHandle[] handle = new TaskHandle[1];
        robot.interact(() -> {
            handle[0] = BackgroundTask.of("count", monitor -> {
                        for (int i = 1; i <= 100_000; i++) {
                            monitor.progress(i, 100_000, null);
                        }
                        return Platform.isFxApplicationThread();
                    })
                    .onSuccess(onFx -> events.add("success " + onFx + " " + Platform.isFxApplicationThread()))
                    .executeWith(executor);
            handle[0].progressProperty().addListener((obs, old, now) -> progressChanges.incrementAndGet());
            assertEquals(1, executor.activeTasks().size());
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !events.isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("success false true"), events, "work off the FX thread, callback on it");
        assertTrue(progressChanges.get() < 1000, "100k updates reached the FX thread " + progressChanges.get() + " times");
        robot.interact(() -> {
            assertEquals(1.0, handle[0].progressProperty().get());
            assertTrue(executor.activeTasks().isEmpty());
            assertFalse(handle[0].activeProperty().get());
        });
    }

    @Test
    void cancelIsCooperativeAndOnlyTheCancelCallbackRuns(FxRobot robot) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        TaskHandle[] handle = new TaskHandle[1];
        robot.interact(() -> handle[0] = BackgroundTask.of("loop", monitor -> {
                    started.countDown();
                    while (!monitor.isCancelled()) {
                        Thread.onSpinWait();
                    }
                    events.add("saw cancel, interrupted=" + Thread.currentThread().isInterrupted());
                    return "late result";
                })
                .onSuccess(result -> events.add("success"))
                .onCancelled(() -> events.add("cancelled"))
                .executeWith(executor));
        assertTrue(started.await(10, TimeUnit.SECONDS));
        robot.interact(() -> assertTrue(handle[0].cancel()));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> events.size() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(events.containsAll(List.of("cancelled", "saw cancel, interrupted=false")), events.toString());
        assertFalse(events.contains("success"));
    }

    @Test
    void failuresReachTheFailureCallback(FxRobot robot) throws Exception {
        robot.interact(() -> BackgroundTask.of("fail", monitor -> {
                    throw new IllegalStateException("model file is truncated");
                })
                .onFailure(error -> events.add(error.getMessage()))
                .executeWith(executor));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !events.isEmpty());
        assertEquals(List.of("model file is truncated"), events);
    }
}
