package com.pokegen.app.dataset;

import com.pokegen.app.service.DatasetItem;
import com.pokegen.app.view.Images;
import javafx.collections.SetChangeListener;
import javafx.collections.WeakSetChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.controlsfx.control.GridCell;

/** One grid cell: thumbnail, id, and selected / excluded / flagged looks (via pseudo-classes). */
final class ThumbnailCell extends GridCell<DatasetItem> {

    static final double SIZE = 112;
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("picked");
    private static final PseudoClass EXCLUDED = PseudoClass.getPseudoClass("excluded");
    private static final PseudoClass FLAGGED = PseudoClass.getPseudoClass("flagged");

    private final DatasetViewModel viewModel;
    private final ImageView image = new ImageView();
    private final Label name = new Label();
    private final VBox box;
    /** Held here and registered weakly, so discarded cells can be collected. */
    private final SetChangeListener<String> selectionListener = change -> updateSelected();

    ThumbnailCell(DatasetViewModel viewModel) {
        this.viewModel = viewModel;
        getStyleClass().add("thumbnail-cell");
        image.setFitWidth(SIZE);
        image.setFitHeight(SIZE);
        image.setPreserveRatio(true);
        StackPane frame = new StackPane(image);
        frame.getStyleClass().add("thumbnail-frame");
        name.getStyleClass().add("thumbnail-name");
        box = new VBox(4, frame, name);
        box.getStyleClass().add("thumbnail-box");
        setOnMouseClicked(event -> {
            if (getItem() != null) {
                viewModel.click(getItem(), event.isShortcutDown() || event.isShiftDown());
            }
        });
        viewModel.selectedIds().addListener(new WeakSetChangeListener<>(selectionListener));
    }

    @Override
    protected void updateItem(DatasetItem item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
            setGraphic(null);
            image.setImage(null);
            setId(null);
        } else {
            image.setImage(Images.thumbnail(item.imagePath(), SIZE));
            name.setText(item.id());
            setId("thumb-" + item.id());
            setGraphic(box);
        }
        pseudoClassStateChanged(EXCLUDED, item != null && item.excluded());
        pseudoClassStateChanged(FLAGGED, item != null && !item.flags().isEmpty());
        updateSelected();
    }

    private void updateSelected() {
        DatasetItem item = getItem();
        pseudoClassStateChanged(SELECTED, item != null && viewModel.selectedIds().contains(item.id()));
    }
}
