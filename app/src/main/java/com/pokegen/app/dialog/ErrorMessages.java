package com.pokegen.app.dialog;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns exceptions into sentences a user can act on: messages of the cause chain, no traces. */
public final class ErrorMessages {

    private ErrorMessages() {
    }

    public static String describe(Throwable error) {
        if (error == null) {
            return "Unknown error.";
        }
        Set<String> parts = new LinkedHashSet<>();
        for (Throwable current = error; current != null && parts.size() < 4; current = current.getCause()) {
            if (isWrapper(current) && current.getCause() != null) {
                continue;
            }
            String text = sentence(current);
            if (!text.isBlank() && parts.stream().noneMatch(existing -> existing.contains(text))) {
                parts.add(text);
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return parts.isEmpty() ? humanize(error.getClass().getSimpleName()) + "." : String.join("\n", parts);
    }

    private static boolean isWrapper(Throwable error) {
        return error instanceof ExecutionException || error instanceof CompletionException
                || error instanceof UncheckedIOException
                || (error.getClass() == RuntimeException.class && error.getCause() != null
                && String.valueOf(error.getMessage()).equals(String.valueOf(error.getCause())));
    }

    private static String sentence(Throwable error) {
        if (error instanceof NoSuchFileException e) {
            return "File or folder not found: " + e.getFile() + (e.getReason() == null ? "" : " (" + e.getReason() + ")");
        }
        if (error instanceof AccessDeniedException e) {
            return "Permission denied: " + e.getFile();
        }
        if (error instanceof NotDirectoryException e) {
            return "Not a folder: " + e.getFile();
        }
        if (error instanceof FileSystemException e && e.getReason() != null) {
            return e.getReason() + ": " + e.getFile();
        }
        if (error instanceof FileNotFoundException) {
            return "File not found: " + error.getMessage();
        }
        if (error instanceof OutOfMemoryError) {
            return "Out of memory: close other runs or lower the batch size or image size.";
        }
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            return humanize(error.getClass().getSimpleName()) + ".";
        }
        return message.strip();
    }

    /** "IllegalStateException" becomes "Illegal state". */
    static String humanize(String className) {
        String base = className.replaceAll("(Exception|Error)$", "");
        String spaced = base.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
        return spaced.isEmpty() ? "Error" : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
