package com.pokegen.app.task;

/** Something scheduled that can be called off. */
@FunctionalInterface
public interface Cancellable {
    void cancel();
}
