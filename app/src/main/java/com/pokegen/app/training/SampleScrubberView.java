package com.pokegen.app.training;

import com.pokegen.app.view.Images;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import java.nio.file.Path;

/**
 * Every sample grid of the open run, shown large, with a scrubber over them; it follows the newest
 * grid until the user moves it back.
 */
public final class SampleScrubberView extends BorderPane {

    public SampleScrubberView(ObservableList<Path> samples) {
        setPadding(new Insets(8));
        ImageView image = new ImageView();
        image.setId("scrubbedSample");
        image.setPreserveRatio(true);
        image.setSmooth(false);
        image.fitWidthProperty().bind(widthProperty().subtract(24));
        image.fitHeightProperty().bind(heightProperty().subtract(70));
        Slider scrubber = new Slider(0, 0, 0);
        scrubber.setId("sampleScrubber");
        scrubber.setMajorTickUnit(1);
        scrubber.setMinorTickCount(0);
        scrubber.setSnapToTicks(true);
        scrubber.setBlockIncrement(1);
        scrubber.setTooltip(new Tooltip("Drag, or use ← and →, to step through the sample grids"));
        HBox.setHgrow(scrubber, Priority.ALWAYS);
        Label caption = new Label("No sample grids yet");
        caption.setId("sampleCaption");

        samples.addListener((ListChangeListener<Path>) change -> {
            boolean following = scrubber.getValue() >= scrubber.getMax() - 0.5;
            scrubber.setMax(Math.max(0, samples.size() - 1));
            if (following || samples.size() <= 1) {
                scrubber.setValue(scrubber.getMax());
            }
        });
        javafx.beans.binding.ObjectBinding<Path> current = Bindings.createObjectBinding(() -> {
            int index = (int) Math.round(scrubber.getValue());
            return index >= 0 && index < samples.size() ? samples.get(index) : null;
        }, scrubber.valueProperty(), samples);
        image.imageProperty().bind(Bindings.createObjectBinding(() -> Images.file(current.get()), current));
        caption.textProperty().bind(Bindings.createStringBinding(() -> {
            Path path = current.get();
            return path == null ? "No sample grids yet"
                    : path.getFileName() + "  (" + (samples.indexOf(path) + 1) + " of " + samples.size() + ")";
        }, current, samples));
        scrubber.disableProperty().bind(Bindings.size(samples).lessThan(2));

        HBox bar = new HBox(10, caption, scrubber);
        bar.setAlignment(Pos.CENTER_LEFT);
        setCenter(image);
        setBottom(bar);
    }
}
