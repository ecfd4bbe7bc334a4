package com.pokegen.app.training;

import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The loss charts with their controls: a toggle per term, log scale, an EMA smoothing slider, and
 * a small second chart for terms of another scale (KL, discriminator loss).
 */
public final class LossChartView extends VBox {

    public LossChartView(LossChartViewModel viewModel, javafx.beans.value.ObservableValue<String> title) {
        super(6);
        setPadding(new Insets(4));
        FlowPane toggles = new FlowPane(8, 4);
        toggles.setId("seriesToggles");
        viewModel.terms().addListener((ListChangeListener<String>) change -> {
            toggles.getChildren().clear();
            for (String term : viewModel.terms()) {
                CheckBox box = new CheckBox(term);
                box.setId("toggle-" + term);
                box.setSelected(!viewModel.hidden().contains(term));
                box.setTooltip(new Tooltip("Show or hide " + term));
                box.selectedProperty().addListener((obs, old, shown) -> {
                    if (shown) {
                        viewModel.hidden().remove(term);
                    } else {
                        viewModel.hidden().add(term);
                    }
                });
                toggles.getChildren().add(box);
            }
        });

        CheckBox log = new CheckBox("Log scale");
        log.setId("logScaleBox");
        log.setTooltip(new Tooltip("Plot log10 of the values, so small late losses stay readable"));
        log.selectedProperty().bindBidirectional(viewModel.logScaleProperty());
        Slider smoothing = new Slider(0, 0.99, 0);
        smoothing.setId("smoothingSlider");
        smoothing.setTooltip(new Tooltip("Exponential moving average: 0 = raw values, towards 1 = smoother"));
        smoothing.valueProperty().bindBidirectional(viewModel.smoothingProperty());
        Label smoothingValue = new Label();
        smoothingValue.setId("smoothingLabel");
        smoothingValue.textProperty().bind(smoothing.valueProperty().asString("%.2f"));
        HBox controls = new HBox(10, log, new Label("Smoothing"), smoothing, smoothingValue);
        controls.setAlignment(Pos.CENTER_LEFT);

        LineChart<Number, Number> main = chart("lossChart", viewModel.mainSeries(), viewModel);
        main.titleProperty().bind(title);
        LineChart<Number, Number> aux = chart("auxChart", viewModel.auxSeries(), viewModel);
        aux.setPrefHeight(180);
        aux.setMinHeight(140);
        aux.setLegendSide(javafx.geometry.Side.RIGHT);
        aux.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(viewModel.auxSeries()));
        aux.managedProperty().bind(aux.visibleProperty());
        VBox.setVgrow(main, Priority.ALWAYS);
        getChildren().addAll(toggles, controls, main, aux);
    }

    private static LineChart<Number, Number> chart(String id, javafx.collections.ObservableList<XYChart.Series<Number, Number>> data,
                                                   LossChartViewModel viewModel) {
        NumberAxis steps = new NumberAxis();
        steps.setLabel("step");
        steps.setForceZeroInRange(false);
        NumberAxis values = new NumberAxis();
        values.labelProperty().bind(javafx.beans.binding.Bindings.when(viewModel.logScaleProperty())
                .then("log10(loss)").otherwise("loss"));
        values.setForceZeroInRange(false);
        LineChart<Number, Number> chart = new LineChart<>(steps, values, data);
        chart.setId(id);
        chart.setCreateSymbols(false);
        chart.setAnimated(false);
        return chart;
    }
}
