package com.pokegen.app.generate;

import com.pokegen.app.service.GeneratedImage;
import com.pokegen.app.service.ModelChoice;
import com.pokegen.app.view.Icons;
import com.pokegen.app.view.Images;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.util.converter.LongStringConverter;

/** The prompt canvas: prompt box with live preview, seed and steps, side by side, variations, history. */
public final class PromptView extends BorderPane {

    static final double PREVIEW_SIZE = 384;

    public PromptView(PromptViewModel viewModel) {
        getStyleClass().add("page");
        setId("promptView");
        setTop(controls(viewModel));
        setCenter(previews(viewModel));
        setRight(history(viewModel));
        setBottom(variations(viewModel));
    }

    private static VBox controls(PromptViewModel viewModel) {
        TextField prompt = new TextField();
        prompt.setId("promptField");
        prompt.setPromptText("Describe a pokémon, e.g. \"a small purple ghost type pokemon\"");
        prompt.textProperty().bindBidirectional(viewModel.promptProperty());
        prompt.setOnAction(event -> viewModel.renderNow());
        HBox.setHgrow(prompt, Priority.ALWAYS);
        ProgressIndicator busy = new ProgressIndicator();
        busy.setId("renderingIndicator");
        busy.setPrefSize(22, 22);
        busy.visibleProperty().bind(viewModel.renderingProperty());

        TextField seed = new TextField();
        seed.setId("seedField");
        seed.setPrefColumnCount(10);
        TextFormatter<Long> seedFormat = new TextFormatter<>(new LongStringConverter(), viewModel.seedProperty().get(),
                change -> change.getControlNewText().matches("\\d{0,10}") ? change : null);
        seed.setTextFormatter(seedFormat);
        seedFormat.valueProperty().addListener((obs, old, value) -> {
            if (value != null && value.longValue() != viewModel.seedProperty().get()) {
                viewModel.seedProperty().set(value);
            }
        });
        viewModel.seedProperty().addListener((obs, old, value) -> seedFormat.setValue(value.longValue()));
        ToggleButton lock = Icons.decorate(new ToggleButton("Lock"), "seedLockToggle", "mdi2l-lock-outline");
        lock.selectedProperty().bindBidirectional(viewModel.seedLockedProperty());
        Button reroll = Icons.decorate(new Button("Reroll"), "rerollButton", "mdi2d-dice-multiple-outline");
        reroll.setOnAction(event -> viewModel.reroll());

        Spinner<Integer> steps = new Spinner<>(1, 4, viewModel.stepsProperty().get());
        steps.setId("stepsSpinner");
        steps.setPrefWidth(70);
        steps.valueProperty().addListener((obs, old, value) -> viewModel.stepsProperty().set(value));
        ComboBox<ModelChoice> model = new ComboBox<>();
        model.getItems().setAll(ModelChoice.values());
        model.setId("modelChoice");
        model.valueProperty().bindBidirectional(viewModel.modelProperty());
        model.disableProperty().bind(viewModel.sideBySideProperty());
        ToggleButton sideBySide = Icons.decorate(new ToggleButton("Teacher vs student"), "sideBySideToggle", "mdi2c-compare");
        sideBySide.selectedProperty().bindBidirectional(viewModel.sideBySideProperty());
        Button variations = Icons.decorate(new Button("Variations"), "variationsButton", "mdi2v-view-grid-outline");
        variations.setOnAction(event -> viewModel.renderVariations());
        Button save = Icons.decorate(new Button("Save PNG…"), "saveButton", "mdi2c-content-save-outline");
        save.setOnAction(event -> viewModel.save());
        save.disableProperty().bind(viewModel.imageProperty().isNull());

        HBox first = new HBox(8, prompt, busy);
        first.setAlignment(Pos.CENTER_LEFT);
        HBox second = new HBox(8, new Label("Seed"), seed, lock, reroll, new Label("Steps"), steps, model,
                sideBySide, variations, save);
        second.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(8, first, second);
        box.getStyleClass().add("toolbar");
        return box;
    }

    private static VBox previews(PromptViewModel viewModel) {
        ImageView main = previewImage("previewImage");
        main.imageProperty().bind(Bindings.createObjectBinding(
                () -> image(viewModel.imageProperty().get()), viewModel.imageProperty()));
        ImageView compare = previewImage("comparisonImage");
        compare.imageProperty().bind(Bindings.createObjectBinding(
                () -> image(viewModel.comparisonProperty().get()), viewModel.comparisonProperty()));
        compare.visibleProperty().bind(viewModel.sideBySideProperty());
        compare.managedProperty().bind(compare.visibleProperty());
        HBox images = new HBox(16, main, compare);
        images.setAlignment(Pos.CENTER);
        Label status = new Label();
        status.setId("renderStatus");
        status.setWrapText(true);
        status.textProperty().bind(viewModel.statusProperty());
        VBox box = new VBox(10, images, status);
        box.setAlignment(Pos.CENTER);
        box.setPadding(new Insets(12));
        return box;
    }

    private static ListView<String> history(PromptViewModel viewModel) {
        ListView<String> history = new ListView<>(viewModel.history());
        history.setId("historyList");
        history.setPrefWidth(220);
        history.setOnMouseClicked(event -> {
            String chosen = history.getSelectionModel().getSelectedItem();
            if (chosen != null && event.getButton() == MouseButton.PRIMARY) {
                viewModel.usePrompt(chosen);
            }
        });
        return history;
    }

    private static TilePane variations(PromptViewModel viewModel) {
        TilePane tiles = new TilePane(8, 8);
        tiles.setId("variationsGrid");
        tiles.setPadding(new Insets(8));
        tiles.setAlignment(Pos.CENTER);
        viewModel.variations().addListener((ListChangeListener<GeneratedImage>) change -> {
            tiles.getChildren().clear();
            for (GeneratedImage variation : viewModel.variations()) {
                ImageView view = new ImageView(Images.png(variation.png()));
                view.setFitWidth(128);
                view.setFitHeight(128);
                view.setPreserveRatio(true);
                view.getStyleClass().add("variation");
                view.setId("variation-" + variation.request().seed());
                view.setOnMouseClicked(event -> viewModel.useVariation(variation));
                tiles.getChildren().add(view);
            }
        });
        return tiles;
    }

    private static ImageView previewImage(String id) {
        ImageView view = new ImageView();
        view.setId(id);
        view.setFitWidth(PREVIEW_SIZE);
        view.setFitHeight(PREVIEW_SIZE);
        view.setPreserveRatio(true);
        view.setSmooth(false);
        return view;
    }

    private static javafx.scene.image.Image image(GeneratedImage generated) {
        return generated == null ? null : Images.pixelated(generated.png(), PREVIEW_SIZE);
    }
}
