package com.pokegen.engine.data.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a record's picture bytes live: a file inside the source, or bytes embedded in a table. */
public interface ImageRef {

    /** The picture's bytes; refuses files above {@code maxBytes}. */
    byte[] read(long maxBytes) throws IOException;

    /** A file already checked by {@link SafePaths}. */
    static ImageRef file(Path path) {
        return maxBytes -> {
            long size = Files.size(path);
            if (size > maxBytes) {
                throw new IOException(path + " is " + size + " bytes, above the limit of " + maxBytes);
            }
            return Files.readAllBytes(path);
        };
    }

    /** Bytes stored in the source table (parquet {@code image.bytes}). */
    static ImageRef bytes(byte[] data) {
        return maxBytes -> {
            if (data.length > maxBytes) {
                throw new IOException("embedded picture is " + data.length + " bytes, above the limit of " + maxBytes);
            }
            return data;
        };
    }
}
