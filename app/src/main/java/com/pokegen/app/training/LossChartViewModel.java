package com.pokegen.app.training;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import javafx.scene.chart.XYChart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the loss charts show, derived from the raw per-term series: hidden terms left out,
 * exponential smoothing (TensorBoard's: weight of the previous smoothed value), log10 of the values,
 * and terms of another scale (KL, discriminator loss) on a separate small chart so they do not
 * flatten the others. Appended points extend the shown series; any other change rebuilds it.
 */
public final class LossChartViewModel {

    /** Terms drawn on the small chart: their scale differs from the generator's losses. */
    static final Set<String> AUX_TERMS = Set.of("kl", "d_loss", "disc_loss", "r1");

    private final ObservableList<XYChart.Series<Number, Number>> raw;
    private final ObservableList<XYChart.Series<Number, Number>> main = FXCollections.observableArrayList();
    private final ObservableList<XYChart.Series<Number, Number>> aux = FXCollections.observableArrayList();
    private final ObservableList<String> terms = FXCollections.observableArrayList();
    private final ObservableSet<String> hidden = FXCollections.observableSet();
    private final DoubleProperty smoothing = new SimpleDoubleProperty(0);
    private final BooleanProperty logScale = new SimpleBooleanProperty(false);
    private final Map<String, XYChart.Series<Number, Number>> shown = new LinkedHashMap<>();
    private final Map<String, double[]> emaState = new LinkedHashMap<>();

    public LossChartViewModel(ObservableList<XYChart.Series<Number, Number>> raw) {
        this.raw = raw;
        raw.addListener((ListChangeListener<XYChart.Series<Number, Number>>) change -> {
            while (change.next()) {
                change.getAddedSubList().forEach(this::watch);
            }
            rebuildAll();
        });
        raw.forEach(this::watch);
        hidden.addListener((javafx.collections.SetChangeListener<String>) change -> rebuildAll());
        smoothing.addListener((obs, old, value) -> rebuildAll());
        logScale.addListener((obs, old, value) -> rebuildAll());
        rebuildAll();
    }

    private void watch(XYChart.Series<Number, Number> series) {
        series.getData().addListener((ListChangeListener<XYChart.Data<Number, Number>>) change -> {
            boolean appendOnly = true;
            int from = Integer.MAX_VALUE;
            while (change.next()) {
                boolean atEnd = change.wasAdded() && !change.wasRemoved() && change.getTo() == change.getList().size();
                appendOnly &= atEnd;
                from = Math.min(from, change.getFrom());
            }
            XYChart.Series<Number, Number> target = shown.get(series.getName());
            if (target == null) {
                return;
            }
            if (appendOnly) {
                target.getData().addAll(transform(series.getName(), series.getData().subList(from, series.getData().size())));
            } else {
                rebuildAll();
            }
        });
    }

    private void rebuildAll() {
        shown.clear();
        emaState.clear();
        List<XYChart.Series<Number, Number>> mainSeries = new ArrayList<>();
        List<XYChart.Series<Number, Number>> auxSeries = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (XYChart.Series<Number, Number> series : raw) {
            String name = series.getName();
            names.add(name);
            if (hidden.contains(name)) {
                continue;
            }
            XYChart.Series<Number, Number> view = new XYChart.Series<>();
            view.setName(name);
            view.getData().setAll(transform(name, series.getData()));
            shown.put(name, view);
            (AUX_TERMS.contains(name) ? auxSeries : mainSeries).add(view);
        }
        if (!terms.equals(names)) {
            terms.setAll(names);
        }
        main.setAll(mainSeries);
        aux.setAll(auxSeries);
    }

    /** Smoothed (continuing the term's running average), then log10; non-positive values have no log and are left out. */
    private List<XYChart.Data<Number, Number>> transform(String name, List<XYChart.Data<Number, Number>> points) {
        double weight = Math.max(0, Math.min(0.999, smoothing.get()));
        double[] state = emaState.computeIfAbsent(name, key -> new double[] {Double.NaN});
        List<XYChart.Data<Number, Number>> out = new ArrayList<>(points.size());
        for (XYChart.Data<Number, Number> point : points) {
            double value = point.getYValue().doubleValue();
            if (!Double.isFinite(value)) {
                continue;
            }
            state[0] = Double.isNaN(state[0]) ? value : weight * state[0] + (1 - weight) * value;
            double y = state[0];
            if (logScale.get()) {
                if (y <= 0) {
                    continue;
                }
                y = Math.log10(y);
            }
            out.add(new XYChart.Data<>(point.getXValue(), y));
        }
        return out;
    }

    /** Shown series of the main chart. */
    public ObservableList<XYChart.Series<Number, Number>> mainSeries() {
        return main;
    }

    /** Shown series of the small chart (KL, discriminator): empty when the run logs none. */
    public ObservableList<XYChart.Series<Number, Number>> auxSeries() {
        return aux;
    }

    /** Every term the run logs, in first-seen order (one toggle each). */
    public ObservableList<String> terms() {
        return terms;
    }

    /** Terms the user hid. */
    public ObservableSet<String> hidden() {
        return hidden;
    }

    /** 0 = raw, towards 1 = smoother. */
    public DoubleProperty smoothingProperty() {
        return smoothing;
    }

    public BooleanProperty logScaleProperty() {
        return logScale;
    }
}
