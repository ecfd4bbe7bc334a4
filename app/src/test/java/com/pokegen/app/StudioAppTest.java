package com.pokegen.app;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StudioAppTest {

    @Test
    void galleryArgumentNamesTheGalleryFolderRelativeToTheCallersDirectory() {
        Path here = Path.of("").toAbsolutePath();
        assertEquals(Optional.of(here.resolve("shots")),
                StudioApp.galleryArgument(List.of("--model", "m", "--gallery", "shots")));
        assertEquals(Optional.of(Path.of("/tmp/g")), StudioApp.galleryArgument(List.of("--gallery=/tmp/g")));
        assertEquals(Optional.empty(), StudioApp.galleryArgument(List.of("--teacher", "t")));
    }
}
