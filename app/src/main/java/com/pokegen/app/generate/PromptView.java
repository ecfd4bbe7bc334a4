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
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;
import javafx.util.converter.LongStringConverter;

/**
 * The prompt canvas: prompt box with live preview (crisp, growing with the window, zoomable),
 * seed and steps, teacher vs student, the grid of neighbouring seeds, saving, history.
 */
public final class PromptView extends BorderPane {

    static final double GRID_TILE = 128;

    public PromptView(PromptViewModel viewModel) {
        getStyleClass().add("page");
        setId("promptView");
        setTop(controls(viewModel));
        setCenter(previews(viewModel));
        setRight(history(viewModel));
        setBottom(grid(viewModel));
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

        Button reroll = Icons.decorate(new Button("New seed"), "rerollButton", "mdi2d-dice-multiple-outline");
        reroll.setOnAction(event -> viewModel.reroll());
        ComboBox<ModelChoice> model = new ComboBox<>();
        model.getItems().setAll(ModelChoice.values());
        model.setId("modelChoice");
        model.valueProperty().bindBidirectional(viewModel.modelProperty());
        model.disableProperty().bind(viewModel.sideBySideProperty());
        ToggleButton sideBySide = Icons.decorate(new ToggleButton("Teacher vs student"), "sideBySideToggle", "mdi2c-compare");
        sideBySide.selectedProperty().bindBidirectional(viewModel.sideBySideProperty());
        Label teacherLabel = new Label("Teacher steps");
        Spinner<Integer> teacherSteps = stepsSpinner(viewModel, "teacherStepsSpinner", ModelChoice.TEACHER);
        for (javafx.scene.Node node : new javafx.scene.Node[] {teacherLabel, teacherSteps}) {
            node.visibleProperty().bind(viewModel.sideBySideProperty());
            node.managedProperty().bind(viewModel.sideBySideProperty());
        }

        Spinner<Integer> gridSize = new Spinner<>(1, PromptViewModel.MAX_GRID, viewModel.gridSizeProperty().get());
        gridSize.setId("gridSizeSpinner");
        gridSize.setEditable(true);
        gridSize.setPrefWidth(70);
        gridSize.valueProperty().addListener((obs, old, value) -> viewModel.gridSizeProperty().set(value));
        Button variations = Icons.decorate(new Button("Grid"), "variationsButton", "mdi2v-view-grid-outline");
        variations.setOnAction(event -> viewModel.renderVariations());
        Button save = Icons.decorate(new Button("Save PNG…"), "saveButton", "mdi2c-content-save-outline");
        save.setOnAction(event -> viewModel.save());
        save.disableProperty().bind(viewModel.imageProperty().isNull());
        Button saveAll = Icons.decorate(new Button("Save all…"), "saveAllButton", "mdi2c-content-save-all-outline");
        saveAll.setOnAction(event -> viewModel.saveAllImages());
        saveAll.disableProperty().bind(viewModel.imageProperty().isNull().and(Bindings.isEmpty(viewModel.variations())));
        ComboBox<Integer> upscale = new ComboBox<>();
        upscale.setId("upscaleChoice");
        upscale.getItems().setAll(1, 2, 4, 8);
        upscale.setValue(viewModel.saveScaleProperty().get());
        upscale.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Integer factor) {
                return factor == null ? "" : "×" + factor;
            }

            @Override
            public Integer fromString(String text) {
                return Integer.valueOf(text.replace("×", "").strip());
            }
        });
        upscale.valueProperty().addListener((obs, old, factor) -> viewModel.saveScaleProperty().set(factor));

        HBox first = new HBox(8, prompt, busy);
        first.setAlignment(Pos.CENTER_LEFT);
        Label stepsLabel = new Label();
        stepsLabel.textProperty().bind(Bindings.when(viewModel.sideBySideProperty())
                .then("Student steps").otherwise("Steps"));
        FlowPane second = new FlowPane(8, 6, new Label("Seed"), seedField(viewModel), reroll, stepsLabel,
                stepsSpinner(viewModel, "stepsSpinner", null), model, sideBySide, teacherLabel, teacherSteps);
        second.setAlignment(Pos.CENTER_LEFT);
        FlowPane third = new FlowPane(8, 6, new Label("Grid of"), gridSize, variations, save, saveAll,
                new Label("Upscale on save"), upscale);
        third.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(8, first, second, third);
        box.getStyleClass().add("toolbar");
        return box;
    }

    private static TextField seedField(PromptViewModel viewModel) {
        TextField seed = new TextField();
        seed.setId("seedField");
        seed.setPrefColumnCount(10);
        TextFormatter<Long> seedFormat = new TextFormatter<>(new LongStringConverter(), viewModel.seedProperty().get(),
                change -> change.getControlNewText().matches("\\d{0,10}") ? change : null);
        seed.setTextFormatter(seedFormat);
        seedFormat.valueProperty().addListener((obs, old, value) -> {
            if (value != null && value.longValue() != viewModel.seedProperty().get()) {
                viewModel.seedProperty().set(Math.floorMod(value, PromptViewModel.SEED_BOUND));
            }
        });
        viewModel.seedProperty().addListener((obs, old, value) -> seedFormat.setValue(value.longValue()));
        return seed;
    }

    /**
     * A Steps box for {@code fixed}, or (null) for the model that draws the preview: it shows the
     * steps that model will use, within the range that model allows.
     */
    private static Spinner<Integer> stepsSpinner(PromptViewModel viewModel, String id, ModelChoice fixed) {
        Spinner<Integer> spinner = new Spinner<>();
        spinner.setId(id);
        spinner.setPrefWidth(80);
        spinner.setEditable(true);
        java.util.function.Supplier<ModelChoice> choice = () -> fixed != null ? fixed
                : viewModel.sideBySideProperty().get() ? ModelChoice.STUDENT : viewModel.modelProperty().get();
        Runnable show = () -> {
            ModelChoice chosen = choice.get();
            spinner.setValueFactory(new IntegerSpinnerValueFactory(1, viewModel.defaults(chosen).maxSteps(),
                    viewModel.stepsProperty(chosen).get()));
            spinner.getValueFactory().valueProperty().addListener((obs, old, value) -> {
                if (value != null) {
                    viewModel.stepsProperty(chosen).set(value);
                }
            });
        };
        show.run();
        viewModel.modelProperty().addListener((obs, old, now) -> show.run());
        viewModel.sideBySideProperty().addListener((obs, old, now) -> show.run());
        for (ModelChoice each : ModelChoice.values()) {
            viewModel.stepsProperty(each).addListener((obs, old, now) -> {
                if (choice.get() == each && !now.equals(spinner.getValue())) {
                    spinner.getValueFactory().setValue(now.intValue());
                }
            });
        }
        return spinner;
    }

    private static VBox previews(PromptViewModel viewModel) {
        PixelPreview main = new PixelPreview("previewImage");
        main.sourceProperty().bind(Bindings.createObjectBinding(
                () -> image(viewModel.imageProperty().get()), viewModel.imageProperty()));
        PixelPreview compare = new PixelPreview("comparisonImage");
        compare.sourceProperty().bind(Bindings.createObjectBinding(
                () -> image(viewModel.comparisonProperty().get()), viewModel.comparisonProperty()));
        compare.zoomProperty().bind(main.zoomProperty());
        VBox studentSide = side(main, caption("previewCaption", viewModel.imageProperty()));
        VBox teacherSide = side(compare, caption("comparisonCaption", viewModel.comparisonProperty()));
        teacherSide.visibleProperty().bind(viewModel.sideBySideProperty());
        teacherSide.managedProperty().bind(teacherSide.visibleProperty());
        HBox images = new HBox(16, studentSide, teacherSide);
        images.setAlignment(Pos.CENTER);
        VBox.setVgrow(images, Priority.ALWAYS);

        ToggleGroup zooms = new ToggleGroup();
        HBox zoomBar = new HBox(4, new Label("Zoom"));
        zoomBar.setAlignment(Pos.CENTER);
        for (PixelPreview.Zoom zoom : PixelPreview.Zoom.values()) {
            ToggleButton button = new ToggleButton(zoom.label);
            button.setId(zoom == PixelPreview.Zoom.FIT ? "zoomFit" : "zoom" + zoom.factor + "x");
            button.setToggleGroup(zooms);
            button.setUserData(zoom);
            button.setSelected(zoom == main.zoomProperty().get());
            zoomBar.getChildren().add(button);
        }
        zooms.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true); // one zoom is always chosen
            } else {
                main.zoomProperty().set((PixelPreview.Zoom) now.getUserData());
            }
        });

        Label status = new Label();
        status.setId("renderStatus");
        status.setWrapText(true);
        status.textProperty().bind(viewModel.statusProperty());
        VBox box = new VBox(8, zoomBar, images, status);
        box.setAlignment(Pos.CENTER);
        box.setPadding(new Insets(8));
        return box;
    }

    private static VBox side(PixelPreview preview, Label caption) {
        VBox.setVgrow(preview, Priority.ALWAYS);
        VBox side = new VBox(4, preview, caption);
        side.setAlignment(Pos.CENTER);
        HBox.setHgrow(side, Priority.ALWAYS);
        return side;
    }

    private static Label caption(String id, javafx.beans.value.ObservableValue<GeneratedImage> shown) {
        Label caption = new Label();
        caption.setId(id);
        caption.textProperty().bind(Bindings.createStringBinding(
                () -> shown.getValue() == null ? "" : PromptViewModel.caption(shown.getValue()), shown));
        return caption;
    }

    private static ListView<String> history(PromptViewModel viewModel) {
        ListView<String> history = new ListView<>(viewModel.history());
        history.setId("historyList");
        history.setPrefWidth(200);
        history.setOnMouseClicked(event -> {
            String chosen = history.getSelectionModel().getSelectedItem();
            if (chosen != null && event.getButton() == MouseButton.PRIMARY) {
                viewModel.usePrompt(chosen);
            }
        });
        return history;
    }

    private static ScrollPane grid(PromptViewModel viewModel) {
        TilePane tiles = new TilePane(8, 8);
        tiles.setId("variationsGrid");
        tiles.setPadding(new Insets(8));
        tiles.setAlignment(Pos.CENTER);
        viewModel.variations().addListener((ListChangeListener<GeneratedImage>) change -> {
            tiles.getChildren().clear();
            for (GeneratedImage variation : viewModel.variations()) {
                ImageView view = new ImageView(Images.pixelated(variation.png(), GRID_TILE));
                view.setFitWidth(GRID_TILE);
                view.setFitHeight(GRID_TILE);
                view.setPreserveRatio(true);
                view.setSmooth(false);
                view.getStyleClass().add("variation");
                view.setId("variation-" + variation.request().seed());
                view.setOnMouseClicked(event -> viewModel.useVariation(variation));
                tiles.getChildren().add(view);
            }
        });
        ScrollPane scroll = new ScrollPane(tiles);
        scroll.setId("variationsScroll");
        scroll.setFitToWidth(true);
        scroll.setMaxHeight(2 * GRID_TILE + 40);
        scroll.setPrefViewportHeight(GRID_TILE + 16);
        scroll.visibleProperty().bind(Bindings.isNotEmpty(viewModel.variations()));
        scroll.managedProperty().bind(scroll.visibleProperty()); // the preview takes the room until a grid is drawn
        return scroll;
    }

    private static javafx.scene.image.Image image(GeneratedImage generated) {
        return generated == null ? null : Images.png(generated.png());
    }
}
