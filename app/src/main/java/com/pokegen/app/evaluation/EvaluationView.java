package com.pokegen.app.evaluation;

import com.pokegen.app.service.AbPair;
import com.pokegen.app.service.AbVote;
import com.pokegen.app.service.Metric;
import com.pokegen.app.view.Icons;
import com.pokegen.app.view.Images;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.TilePane;
import javafx.scene.layout.VBox;

import java.nio.file.Path;
import java.util.function.Function;

/** Evaluation: report numbers, contact sheets and the blind A/B panel (keys 1 left, 2 right, 0 skip). */
public final class EvaluationView extends BorderPane {

    public EvaluationView(EvaluationViewModel viewModel) {
        this(viewModel, null);
    }

    /** With {@code runViewModel}, the page also runs evaluations (form above the report). */
    public EvaluationView(EvaluationViewModel viewModel, EvaluationRunViewModel runViewModel) {
        getStyleClass().add("page");
        setId("evaluationView");
        Button open = Icons.decorate(new Button("Open evaluation folder…"), "openEvalButton", "mdi2f-folder-open-outline");
        open.setOnAction(event -> viewModel.chooseFolder());
        Label folder = new Label();
        folder.setId("evalFolderLabel");
        folder.textProperty().bind(Bindings.createStringBinding(() -> {
            Path path = viewModel.folderProperty().get();
            return path == null ? "No evaluation open" : path.toString();
        }, viewModel.folderProperty()));
        HBox bar = new HBox(8, open, folder);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("toolbar");
        setTop(runViewModel == null ? bar : new VBox(bar, new EvaluationRunView(runViewModel)));
        setLeft(metrics(viewModel));
        setCenter(contactSheets(viewModel));
        setRight(abPanel(viewModel));
        addEventHandler(KeyEvent.KEY_PRESSED, event -> {
            switch (event.getCode()) {
                case DIGIT1 -> viewModel.vote(AbVote.LEFT);
                case DIGIT2 -> viewModel.vote(AbVote.RIGHT);
                case DIGIT0 -> viewModel.vote(AbVote.SKIP);
                default -> {
                    return;
                }
            }
            event.consume();
        });
    }

    /** Metric names wrap rather than truncate; values show four significant digits, right-aligned. */
    private static TableView<Metric> metrics(EvaluationViewModel viewModel) {
        TableView<Metric> table = new TableView<>(viewModel.metrics());
        table.setId("metricsTable");
        TableColumn<Metric, String> key = new TableColumn<>("Metric");
        key.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().key()));
        key.setCellFactory(column -> new javafx.scene.control.TableCell<>() {
            private final javafx.scene.text.Text text = new javafx.scene.text.Text();

            {
                text.wrappingWidthProperty().bind(column.widthProperty().subtract(12));
                text.getStyleClass().add("metric-name");
                setGraphic(text);
                setPrefHeight(javafx.scene.control.Control.USE_COMPUTED_SIZE);
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                text.setText(empty || item == null ? "" : item);
            }
        });
        TableColumn<Metric, String> value = new TableColumn<>("Value");
        value.setCellValueFactory(cell -> new ReadOnlyStringWrapper(
                String.format(java.util.Locale.ROOT, "%.4g", cell.getValue().value())));
        value.setStyle("-fx-alignment: CENTER-RIGHT;");
        value.setMinWidth(90);
        value.setMaxWidth(120);
        table.getColumns().add(key);
        table.getColumns().add(value);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setPrefWidth(400);
        table.setPlaceholder(new Label("No report loaded"));
        return table;
    }

    private static ScrollPane contactSheets(EvaluationViewModel viewModel) {
        TilePane tiles = new TilePane(8, 8);
        tiles.setId("contactSheets");
        tiles.setPadding(new Insets(8));
        viewModel.contactSheets().addListener((ListChangeListener<Path>) change -> {
            tiles.getChildren().clear();
            for (Path sheet : viewModel.contactSheets()) {
                ImageView view = new ImageView(Images.file(sheet));
                view.setFitWidth(360);
                view.setPreserveRatio(true);
                view.setSmooth(false);
                Label name = new Label(sheet.getFileName().toString());
                tiles.getChildren().add(new VBox(4, view, name));
            }
        });
        ScrollPane scroll = new ScrollPane(tiles);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private static VBox abPanel(EvaluationViewModel viewModel) {
        Label prompt = new Label();
        prompt.setId("abPrompt");
        prompt.setWrapText(true);
        prompt.getStyleClass().add("detail-title");
        prompt.textProperty().bind(pairText(viewModel, AbPair::prompt));
        ImageView left = abImage("abLeftImage", viewModel, AbPair::left);
        ImageView right = abImage("abRightImage", viewModel, AbPair::right);

        Button voteLeft = Icons.decorate(new Button("Left is better"), "voteLeftButton", "mdi2a-arrow-left-bold-outline");
        voteLeft.setOnAction(event -> viewModel.vote(AbVote.LEFT));
        Button skip = Icons.decorate(new Button("Skip"), "skipButton", "mdi2s-skip-next-outline");
        skip.setOnAction(event -> viewModel.vote(AbVote.SKIP));
        Button voteRight = Icons.decorate(new Button("Right is better"), "voteRightButton", "mdi2a-arrow-right-bold-outline");
        voteRight.setOnAction(event -> viewModel.vote(AbVote.RIGHT));
        for (Button button : new Button[] {voteLeft, skip, voteRight}) {
            button.disableProperty().bind(viewModel.pairProperty().isNull().or(viewModel.votingProperty()));
        }
        Label status = new Label();
        status.setId("abStatus");
        status.textProperty().bind(viewModel.abStatusProperty());
        Label votes = new Label();
        votes.setId("votesLabel");
        votes.textProperty().bind(viewModel.votesProperty().asString("%d votes recorded"));

        Label ranking = new Label();
        ranking.setId("rankingLabel");
        ranking.setWrapText(true);
        ranking.textProperty().bind(viewModel.rankingProperty());

        HBox images = new HBox(8, left, right);
        HBox buttons = new HBox(8, voteLeft, skip, voteRight);
        VBox box = new VBox(10, new Label("A/B preference"), status, prompt, images, buttons, votes, ranking);
        box.setPadding(new Insets(8));
        box.setPrefWidth(420);
        VBox.setVgrow(images, Priority.NEVER);
        return box;
    }

    private static ImageView abImage(String id, EvaluationViewModel viewModel, Function<AbPair, Path> side) {
        ImageView view = new ImageView();
        view.setId(id);
        view.setFitWidth(200);
        view.setFitHeight(200);
        view.setPreserveRatio(true);
        view.setSmooth(false);
        view.imageProperty().bind(Bindings.createObjectBinding(() -> {
            AbPair pair = viewModel.pairProperty().get();
            return pair == null ? null : Images.file(side.apply(pair));
        }, viewModel.pairProperty()));
        return view;
    }

    private static javafx.beans.binding.StringBinding pairText(EvaluationViewModel viewModel, Function<AbPair, String> text) {
        return Bindings.createStringBinding(() -> {
            AbPair pair = viewModel.pairProperty().get();
            return pair == null ? "" : text.apply(pair);
        }, viewModel.pairProperty());
    }
}
