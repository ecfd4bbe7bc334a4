package com.pokegen.app.dialog;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Messages and file choosers, behind an interface so view models and views stay testable.
 * Errors are shown as readable sentences ({@link ErrorMessages}), never as stack traces.
 */
public interface DialogService {

    /** A modal error: {@code title} says what failed, the text comes from the error's messages. */
    void showError(String title, Throwable error);

    /** A short non-modal notice ("Saved 3 images"). */
    void notify(String message);

    Optional<Path> chooseDirectory(String title, Path initial);

    Optional<Path> chooseSaveFile(String title, String suggestedName, Path initial);
}
