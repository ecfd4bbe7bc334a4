package com.pokegen.app.captions;

import com.pokegen.app.service.DatasetItem;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.cell.TextFieldTableCell;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.function.Consumer;

/** Every caption in a sortable table with in-place editing (double-click, Enter saves) and a filter. */
public final class CaptionTableView extends VBox {

    public CaptionTableView(CaptionTableViewModel viewModel, Consumer<String> focus) {
        super(6);
        setPadding(new Insets(8));
        TextField filter = new TextField();
        filter.setId("captionTableFilter");
        filter.setPromptText("Filter by id or caption");
        filter.textProperty().bindBidirectional(viewModel.filterProperty());

        SortedList<DatasetItem> sorted = new SortedList<>(viewModel.shown());
        TableView<DatasetItem> table = new TableView<>(sorted);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setId("captionTable");
        table.setEditable(true);
        table.setPlaceholder(new Label("No captions to show"));
        TableColumn<DatasetItem, String> id = new TableColumn<>("Id");
        id.setId("captionTableId");
        id.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().id()));
        id.setPrefWidth(140);
        id.setEditable(false);
        TableColumn<DatasetItem, String> caption = new TableColumn<>("Caption");
        caption.setId("captionTableCaption");
        caption.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().caption()));
        caption.setCellFactory(TextFieldTableCell.forTableColumn());
        caption.setOnEditCommit(event -> viewModel.edit(event.getRowValue(), event.getNewValue()));
        caption.setPrefWidth(420);
        TableColumn<DatasetItem, String> flags = new TableColumn<>("Flags");
        flags.setCellValueFactory(cell -> new ReadOnlyStringWrapper(String.join(", ", cell.getValue().flags())));
        flags.setPrefWidth(140);
        flags.setEditable(false);
        TableColumn<DatasetItem, String> training = new TableColumn<>("Training");
        training.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().excluded() ? "excluded" : "included"));
        training.setEditable(false);
        table.getColumns().add(id);
        table.getColumns().add(caption);
        table.getColumns().add(flags);
        table.getColumns().add(training);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            if (item != null) {
                focus.accept(item.id());
            }
        });
        Label hint = new Label("Click a header to sort · double-click a caption to edit, Enter saves, Esc cancels");
        hint.getStyleClass().add("hint");
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(filter, table, hint);
    }
}
