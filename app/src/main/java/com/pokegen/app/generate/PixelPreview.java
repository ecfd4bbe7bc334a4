package com.pokegen.app.generate;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.scene.control.ScrollPane;

/**
 * A generated picture shown with whole-number nearest-neighbour enlargement, so a 64 px render
 * stays crisp at any size. {@link Zoom#FIT} picks the largest factor that fits the space the window
 * gives (and follows it as the window grows); 1×, 2× and 4× are fixed and scroll when larger.
 */
final class PixelPreview extends ScrollPane {

    /** How much to enlarge: to fit, or a fixed whole factor. */
    enum Zoom {
        FIT(0, "Fit"), X1(1, "1×"), X2(2, "2×"), X4(4, "4×");

        final int factor;
        final String label;

        Zoom(int factor, String label) {
            this.factor = factor;
            this.label = label;
        }
    }

    private final ObjectProperty<Image> source = new SimpleObjectProperty<>();
    private final ObjectProperty<Zoom> zoom = new SimpleObjectProperty<>(Zoom.FIT);
    private final ImageView view = new ImageView();
    private final StackPane holder = new StackPane(view);
    private int shownFactor;

    PixelPreview(String imageId) {
        view.setId(imageId);
        view.setSmooth(false);
        view.setPreserveRatio(true);
        getStyleClass().add("pixel-preview");
        setContent(holder);
        setPrefSize(256, 256);
        setMinSize(64, 64);
        setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        setPannable(true);
        source.addListener((obs, old, now) -> redraw(true));
        zoom.addListener((obs, old, now) -> redraw(false));
        viewportBoundsProperty().addListener((obs, old, bounds) -> {
            holder.setMinSize(bounds.getWidth(), bounds.getHeight());
            redraw(false);
        });
    }

    /** The picture at its own size (null shows nothing). */
    ObjectProperty<Image> sourceProperty() {
        return source;
    }

    ObjectProperty<Zoom> zoomProperty() {
        return zoom;
    }

    private void redraw(boolean newSource) {
        Image picture = source.get();
        if (picture == null || picture.getWidth() <= 0) {
            view.setImage(null);
            shownFactor = 0;
            return;
        }
        int factor = zoom.get() == Zoom.FIT ? fitFactor(picture) : zoom.get().factor;
        if (factor < 1) { // the space is smaller than the picture: shrink it (only then is it not crisp)
            double side = Math.max(1, Math.min(getViewportBounds().getWidth(), getViewportBounds().getHeight()));
            view.setImage(picture);
            view.setFitWidth(side);
            view.setFitHeight(side);
            shownFactor = 0;
        } else if (newSource || factor != shownFactor) {
            view.setFitWidth(0);
            view.setFitHeight(0);
            view.setImage(enlarge(picture, factor));
            shownFactor = factor;
        }
    }

    private int fitFactor(Image picture) {
        double width = getViewportBounds().getWidth();
        double height = getViewportBounds().getHeight();
        if (width <= 0 || height <= 0) {
            return 1;
        }
        return (int) Math.floor(Math.min(width / picture.getWidth(), height / picture.getHeight()));
    }

    /** {@code picture} with each pixel repeated {@code factor} × {@code factor} times. */
    static Image enlarge(Image picture, int factor) {
        if (factor == 1) {
            return picture;
        }
        int w = (int) picture.getWidth();
        int h = (int) picture.getHeight();
        PixelReader reader = picture.getPixelReader();
        WritableImage large = new WritableImage(w * factor, h * factor);
        PixelWriter writer = large.getPixelWriter();
        int[] row = new int[w * factor];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w * factor; x++) {
                row[x] = reader.getArgb(x / factor, y);
            }
            for (int repeat = 0; repeat < factor; repeat++) {
                writer.setPixels(0, y * factor + repeat, w * factor, 1,
                        javafx.scene.image.PixelFormat.getIntArgbInstance(), row, 0, w * factor);
            }
        }
        return large;
    }
}
