package com.pokegen.engine.data;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/** Checks a caller's cancel flag between units of work. */
public final class Cancellation {

    /** A flag that never cancels. */
    public static final BooleanSupplier NEVER = () -> false;

    private Cancellation() {}

    /** Throws {@link CancellationException} naming {@code what} when the flag is raised. */
    public static void check(BooleanSupplier cancel, String what) {
        if (cancel != null && cancel.getAsBoolean()) {
            throw new CancellationException(what + " cancelled");
        }
    }
}
