package com.pokegen.engine.io;

import java.io.IOException;

/** A consumer that may throw {@link IOException} (what writing a file needs). */
@FunctionalInterface
public interface IOConsumer<T> {
    void accept(T value) throws IOException;
}
