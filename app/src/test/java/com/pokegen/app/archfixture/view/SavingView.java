package com.pokegen.app.archfixture.view;

import com.pokegen.engine.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;

/** Fixture for AppArchitectureTest: the one engine helper the app may use directly. */
public final class SavingView {
    public void save(Path file) throws IOException {
        AtomicFiles.writeString(file, "saved");
    }
}
