package com.pokegen.engine.data;

import java.io.IOException;
import java.nio.file.Path;

/** Lets tests in sub-packages write the shared source fixture. */
public final class SourceFixturesAccess {

    private SourceFixturesAccess() {}

    public static Path imageFolder(Path dir) throws IOException {
        return new SourceFixtures().imageFolder(dir);
    }
}
