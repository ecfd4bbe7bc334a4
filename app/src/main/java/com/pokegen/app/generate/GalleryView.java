package com.pokegen.app.generate;

import com.pokegen.app.service.GalleryEntry;
import com.pokegen.app.view.Icons;
import com.pokegen.app.view.Images;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The gallery column: filter box, thumbnails newest first (click one, or Enter, to restore its
 * settings; Ctrl/Shift-click to select several), and Save / Delete / Compare for the selection.
 */
public final class GalleryView extends VBox {

    static final double THUMBNAIL = 64;

    public GalleryView(GalleryViewModel viewModel) {
        super(6);
        setId("galleryView");
        getStyleClass().add("gallery");
        setPrefWidth(280);
        Label title = new Label("Gallery");
        title.getStyleClass().add("section-title");
        Button folder = Icons.decorate(new Button("Folder…"), "galleryFolderButton", "mdi2f-folder-outline");
        folder.setOnAction(event -> viewModel.chooseFolder());
        HBox header = new HBox(8, title, folder);
        header.setAlignment(Pos.CENTER_LEFT);

        TextField filter = new TextField();
        filter.setId("galleryFilter");
        filter.setPromptText("Filter by prompt");
        filter.textProperty().bindBidirectional(viewModel.filterProperty());

        ListView<GalleryEntry> list = new ListView<>(viewModel.shown());
        list.setId("galleryList");
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setCellFactory(view -> new EntryCell());
        list.getSelectionModel().getSelectedItems().addListener((ListChangeListener<GalleryEntry>) change ->
                viewModel.selected().setAll(list.getSelectionModel().getSelectedItems()));
        list.setOnMouseClicked(event -> {
            GalleryEntry chosen = list.getSelectionModel().getSelectedItem();
            boolean plain = !event.isShortcutDown() && !event.isShiftDown();
            if (chosen != null && plain && event.getButton() == MouseButton.PRIMARY
                    && list.getSelectionModel().getSelectedItems().size() == 1) {
                viewModel.restore(chosen);
            }
        });
        list.setOnKeyPressed(event -> {
            GalleryEntry chosen = list.getSelectionModel().getSelectedItem();
            if (event.getCode() == KeyCode.ENTER && chosen != null) {
                viewModel.restore(chosen);
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);

        Button save = Icons.decorate(new Button("Save…"), "gallerySaveButton", "mdi2c-content-save-all-outline");
        save.setOnAction(event -> viewModel.saveSelected());
        Button delete = Icons.decorate(new Button("Delete"), "galleryDeleteButton", "mdi2d-delete-outline");
        delete.setOnAction(event -> viewModel.deleteSelected());
        Button compare = Icons.decorate(new Button("Compare"), "galleryCompareButton", "mdi2c-compare");
        compare.setOnAction(event -> viewModel.compareSelected());
        for (Button button : new Button[] {save, delete, compare}) {
            button.disableProperty().bind(Bindings.isEmpty(viewModel.selected()));
        }
        HBox actions = new HBox(6, save, delete, compare);

        Label status = new Label();
        status.setId("galleryStatus");
        status.setWrapText(true);
        status.textProperty().bind(viewModel.statusProperty());
        getChildren().setAll(header, filter, list, actions, status);
    }

    /** Thumbnail with the prompt and seed; id {@code gallery-<file name without .png>}. */
    private static final class EntryCell extends ListCell<GalleryEntry> {
        private final ImageView thumbnail = new ImageView();
        private final Label text = new Label();
        private final HBox box = new HBox(8, thumbnail, text);

        EntryCell() {
            thumbnail.setFitWidth(THUMBNAIL);
            thumbnail.setFitHeight(THUMBNAIL);
            thumbnail.setPreserveRatio(true);
            thumbnail.setSmooth(false);
            text.setWrapText(true);
            text.setMaxWidth(170);
            box.setAlignment(Pos.CENTER_LEFT);
        }

        @Override
        protected void updateItem(GalleryEntry entry, boolean empty) {
            super.updateItem(entry, empty);
            if (empty || entry == null) {
                setGraphic(null);
                thumbnail.setImage(null);
                setId(null);
                return;
            }
            String name = entry.png().getFileName().toString();
            setId("gallery-" + name.substring(0, name.length() - ".png".length()));
            thumbnail.setImage(Images.file(entry.png()));
            text.setText(entry.request().prompt() + "\n" + entry.request().model() + " · seed " + entry.request().seed()
                    + " · " + entry.request().steps() + (entry.request().steps() == 1 ? " step" : " steps"));
            setGraphic(box);
        }
    }
}
