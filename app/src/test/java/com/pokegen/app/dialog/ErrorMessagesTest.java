package com.pokegen.app.dialog;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ErrorMessagesTest {

    @Test
    void namesFilesAndUnwrapsWrappers() {
        assertEquals("File or folder not found: /runs/x/spec.json",
                ErrorMessages.describe(new ExecutionException(new NoSuchFileException("/runs/x/spec.json"))));
        assertEquals("Permission denied: /data",
                ErrorMessages.describe(new UncheckedIOException(new AccessDeniedException("/data"))));
    }

    @Test
    void keepsTheCauseChainWithoutRepeatsOrTraces() {
        IOException cause = new IOException("unexpected end of file at byte 1024");
        String text = ErrorMessages.describe(new IOException("Could not read model.safetensors", cause));
        assertEquals("Could not read model.safetensors\nunexpected end of file at byte 1024", text);
        assertFalse(text.contains("at com."));
        assertEquals("Illegal state.", ErrorMessages.describe(new IllegalStateException()));
        assertEquals("Out of memory: close other runs or lower the batch size or image size.",
                ErrorMessages.describe(new OutOfMemoryError("Java heap space")));
    }
}
