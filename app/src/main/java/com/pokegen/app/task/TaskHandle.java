package com.pokegen.app.task;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;

/** A submitted task as the UI sees it: progress, message, whether it runs, and a way to stop it. */
public interface TaskHandle {

    String title();

    /** False for quiet tasks that stay out of the status bar. */
    boolean isVisible();

    /** Fraction done in [0, 1], or -1 while indeterminate. */
    ReadOnlyDoubleProperty progressProperty();

    ReadOnlyStringProperty messageProperty();

    /** True from submission until success, failure or cancellation. */
    ReadOnlyBooleanProperty activeProperty();

    /**
     * Asks the task to stop. The work sees {@link com.pokegen.app.service.ProgressMonitor#isCancelled()}
     * and the task's cancel callback runs instead of its success callback.
     *
     * @return false when the task had already finished
     */
    boolean cancel();

    boolean isCancelled();
}
