package com.pokegen.app.generate;

import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/**
 * The Generate page: the prompt canvas in the middle, the gallery on the right, gallery images
 * compared side by side and the batch bar below.
 */
public final class GeneratePage extends BorderPane {

    public GeneratePage(PromptViewModel prompt, GalleryViewModel gallery, BatchRunViewModel batch) {
        setId("generatePage");
        setCenter(new PromptView(prompt));
        setRight(new GalleryView(gallery));
        setBottom(new VBox(new ComparisonStrip(gallery), new BatchRunView(batch)));
    }
}
