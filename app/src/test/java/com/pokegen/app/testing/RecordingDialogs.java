package com.pokegen.app.testing;

import com.pokegen.app.dialog.DialogService;
import com.pokegen.app.dialog.ErrorMessages;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A {@link DialogService} that records what would be shown and answers choosers from fields. */
public final class RecordingDialogs implements DialogService {

    public final List<String> errors = new ArrayList<>();
    public final List<String> notices = new ArrayList<>();
    public Path nextDirectory;
    public Path nextSaveFile;

    @Override
    public void showError(String title, Throwable error) {
        errors.add(title + ": " + ErrorMessages.describe(error));
    }

    @Override
    public void notify(String message) {
        notices.add(message);
    }

    @Override
    public Optional<Path> chooseDirectory(String title, Path initial) {
        return Optional.ofNullable(nextDirectory);
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, String suggestedName, Path initial) {
        return Optional.ofNullable(nextSaveFile);
    }
}
