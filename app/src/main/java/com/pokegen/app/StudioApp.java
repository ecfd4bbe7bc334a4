package com.pokegen.app;

import com.pokegen.app.dialog.FxDialogService;
import com.pokegen.app.service.engine.ModelFolders;
import com.pokegen.app.task.FxTaskExecutor;
import com.pokegen.app.task.FxUiScheduler;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.nio.file.Path;

/** The PokéGen Studio desktop application. Start it with {@link Main} (a plain class path launch). */
public final class StudioApp extends Application {

    /** The studio's stylesheet, also used by tests that mount single views. */
    public static final String STYLESHEET = StudioApp.class.getResource("studio.css").toExternalForm();

    private FxTaskExecutor work;
    private FxTaskExecutor serial;
    private StudioServices services;

    @Override
    public void start(Stage stage) {
        work = FxTaskExecutor.withThreads("studio-work", 2);
        serial = FxTaskExecutor.serial("studio-dataset");
        Path workDir = Path.of(System.getProperty("pokegen.home", ".")).toAbsolutePath().normalize();
        // the launcher keeps the caller's directory as the working directory: relative --model paths start there
        ModelFolders models = ModelFolders.fromArguments(workDir, Path.of("").toAbsolutePath(), getParameters().getRaw());
        services = StudioServices.engine(workDir, models);
        galleryArgument(getParameters().getRaw()).ifPresent(dir -> services.gallery().useFolder(dir));
        Studio studio = new Studio(services, work, serial, new FxUiScheduler(),
                new FxDialogService(() -> stage));
        Scene scene = new Scene(studio.mainView(), 1280, 800);
        scene.getStylesheets().add(STYLESHEET);
        stage.setTitle("PokéGen Studio");
        stage.setScene(scene);
        stage.setOnCloseRequest(event -> {
            if (trainingInProgress() && !confirmQuit(stage)) {
                event.consume(); // the designer chose to keep the studio (and the run) going
            }
        });
        stage.show();
    }

    /** {@code --gallery DIR}: where the Generate page keeps every image (default: {@code home/gallery}). */
    static java.util.Optional<Path> galleryArgument(java.util.List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--gallery") && i + 1 < args.size()) {
                return java.util.Optional.of(Path.of(args.get(i + 1)).toAbsolutePath().normalize());
            }
            if (args.get(i).startsWith("--gallery=")) {
                return java.util.Optional.of(Path.of(args.get(i).substring("--gallery=".length())).toAbsolutePath().normalize());
            }
        }
        return java.util.Optional.empty();
    }

    /** True when a run started in this studio is still training. */
    private boolean trainingInProgress() {
        try {
            return services.runs().listRuns().stream().anyMatch(services.runs()::isRunning);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static boolean confirmQuit(Stage owner) {
        javafx.scene.control.Alert alert = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                "A training run is still in progress. Quit anyway? It stops after writing a checkpoint and"
                        + " can be resumed later from the Training page.",
                javafx.scene.control.ButtonType.CANCEL, javafx.scene.control.ButtonType.OK);
        alert.initOwner(owner);
        alert.setHeaderText("Training in progress");
        return alert.showAndWait().filter(javafx.scene.control.ButtonType.OK::equals).isPresent();
    }

    @Override
    public void stop() throws Exception {
        if (services != null) {
            services.close();
        }
        if (work != null) {
            work.close();
        }
        if (serial != null) {
            serial.close();
        }
    }
}
