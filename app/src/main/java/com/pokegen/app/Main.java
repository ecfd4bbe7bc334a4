package com.pokegen.app;

import javafx.application.Application;

/**
 * Launches {@link StudioApp}. A main class that does not extend Application lets the studio run
 * from a plain class path (JavaFX otherwise insists on its modules).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Application.launch(StudioApp.class, args);
    }
}
