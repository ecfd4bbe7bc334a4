package com.pokegen.app.generate;

import com.pokegen.app.service.GeneratedImage;
import com.pokegen.app.view.Icons;
import com.pokegen.app.view.Images;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Gallery images side by side, each with its settings; hidden while nothing is compared. */
final class ComparisonStrip extends HBox {

    static final double SIZE = 128;

    ComparisonStrip(GalleryViewModel viewModel) {
        super(12);
        setId("comparisonStrip");
        setAlignment(Pos.CENTER);
        setPadding(new Insets(8));
        getStyleClass().add("comparison-strip");
        visibleProperty().bind(Bindings.isNotEmpty(viewModel.compared()));
        managedProperty().bind(visibleProperty());
        Button close = Icons.decorate(new Button("Close"), "closeComparisonButton", "mdi2c-close");
        close.setOnAction(event -> viewModel.closeComparison());
        viewModel.compared().addListener((ListChangeListener<GeneratedImage>) change -> {
            getChildren().clear();
            int index = 0;
            for (GeneratedImage image : viewModel.compared()) {
                ImageView view = new ImageView(Images.pixelated(image.png(), SIZE));
                view.setId("compared-" + index++);
                view.setFitWidth(SIZE);
                view.setFitHeight(SIZE);
                view.setPreserveRatio(true);
                view.setSmooth(false);
                Label settings = new Label(image.request().prompt() + "\n" + PromptViewModel.caption(image)
                        + " · seed " + image.request().seed());
                settings.setWrapText(true);
                settings.setMaxWidth(SIZE);
                VBox cell = new VBox(4, view, settings);
                cell.setAlignment(Pos.TOP_CENTER);
                getChildren().add(cell);
            }
            getChildren().add(close);
        });
    }
}
