package com.pokegen.engine.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A safetensors file (or a folder's index of them) is malformed, truncated or unsupported.
 * The message names the file, the tensor when there is one, and what is wrong.
 */
public final class SafetensorsFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    public SafetensorsFormatException(String message) {
        super(message);
    }

    public SafetensorsFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "file: tensor 'name': problem" (or "file: problem" when {@code tensor} is null). */
    static SafetensorsFormatException of(Path file, String tensor, String problem) {
        return new SafetensorsFormatException(where(file, tensor) + problem);
    }

    static String where(Path file, String tensor) {
        return file + ": " + (tensor == null ? "" : "tensor '" + tensor + "': ");
    }
}
