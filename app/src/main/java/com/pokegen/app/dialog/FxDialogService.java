package com.pokegen.app.dialog;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link DialogService} with JavaFX alerts, ControlsFX notifications and the native choosers. */
public final class FxDialogService implements DialogService {

    private final Supplier<Window> owner;

    public FxDialogService(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public void showError(String title, Throwable error) {
        Alert alert = new Alert(Alert.AlertType.ERROR, "", ButtonType.OK);
        alert.initOwner(owner.get());
        alert.setTitle("PokéGen Studio");
        alert.setHeaderText(title);
        Label text = new Label(ErrorMessages.describe(error));
        text.setWrapText(true);
        text.setId("errorText");
        alert.getDialogPane().setContent(text);
        alert.show();
    }

    @Override
    public void notify(String message) {
        Window window = owner.get();
        if (window == null || !window.isShowing()) {
            return;
        }
        Notifications.create().owner(window).text(message).hideAfter(Duration.seconds(3)).showInformation();
    }

    @Override
    public Optional<Path> chooseDirectory(String title, Path initial) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        if (initial != null && Files.isDirectory(initial)) {
            chooser.setInitialDirectory(initial.toFile());
        }
        return Optional.ofNullable(chooser.showDialog(owner.get())).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, String suggestedName, Path initial) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(suggestedName);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        if (initial != null && Files.isDirectory(initial)) {
            chooser.setInitialDirectory(initial.toFile());
        }
        return Optional.ofNullable(chooser.showSaveDialog(owner.get())).map(File::toPath);
    }
}
