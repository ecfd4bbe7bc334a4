package com.pokegen.app.main;

import java.util.Map;

/** The keyboard shortcuts of each page, as shown under the navigation. */
final class ShortcutHints {

    private static final String WINDOW = "Ctrl+1…5 switch pages · Esc cancels the running task";
    private static final Map<Page, String> PAGE = Map.of(
            Page.DATASET, "Ctrl+Z undo · Ctrl+Shift+Z redo · drop a folder to open it",
            Page.CAPTIONS, "Ctrl+Enter save · Alt+↓ / Alt+↑ next / previous · Ctrl+Z undo · Ctrl+Shift+Z or Ctrl+Y redo",
            Page.TRAINING, "Tab moves through the settings · ← / → step through sample grids",
            Page.GENERATE, "Type a prompt to draw it",
            Page.EVALUATION, "1 left is better · 2 right is better · 0 skip");

    private ShortcutHints() {
    }

    static String of(Page page) {
        return PAGE.getOrDefault(page, "") + "\n" + WINDOW;
    }
}
