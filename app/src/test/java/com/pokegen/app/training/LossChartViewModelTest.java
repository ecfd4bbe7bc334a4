package com.pokegen.app.training;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.chart.XYChart;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LossChartViewModelTest {

    private static XYChart.Series<Number, Number> series(String name, double... values) {
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        series.setName(name);
        for (int i = 0; i < values.length; i++) {
            series.getData().add(new XYChart.Data<>((i + 1) * 10, values[i]));
        }
        return series;
    }

    private static List<Double> ys(XYChart.Series<Number, Number> series) {
        return series.getData().stream().map(point -> point.getYValue().doubleValue()).toList();
    }

    @Test
    void smoothingContinuesOverAppendedPointsAndOtherScalesGoToTheSmallChart() {
        ObservableList<XYChart.Series<Number, Number>> raw = FXCollections.observableArrayList();
        LossChartViewModel chart = new LossChartViewModel(raw);
        XYChart.Series<Number, Number> loss = series("loss", 1.0, 0.5);
        raw.addAll(loss, series("kl", 0.01));
        assertEquals(List.of("loss"), chart.mainSeries().stream().map(XYChart.Series::getName).toList());
        assertEquals(List.of("kl"), chart.auxSeries().stream().map(XYChart.Series::getName).toList());

        chart.smoothingProperty().set(0.5);
        assertEquals(List.of(1.0, 0.75), ys(chart.mainSeries().get(0)));
        loss.getData().add(new XYChart.Data<>(30, 0.25));
        assertEquals(List.of(1.0, 0.75, 0.5), ys(chart.mainSeries().get(0)), "the new point continues the average");

        chart.smoothingProperty().set(0);
        chart.logScaleProperty().set(true);
        assertEquals(List.of(0.0, Math.log10(0.5), Math.log10(0.25)), ys(chart.mainSeries().get(0)));
        assertEquals(List.of(-2.0), ys(chart.auxSeries().get(0)));

        chart.hidden().add("loss");
        assertEquals(List.of(), chart.mainSeries());
        assertEquals(List.of("loss", "kl"), chart.terms(), "a hidden term keeps its toggle");
        chart.hidden().remove("loss");
        assertEquals(3, chart.mainSeries().get(0).getData().size());
    }

    @Test
    void logScaleLeavesOutValuesWithoutALogarithm() {
        ObservableList<XYChart.Series<Number, Number>> raw = FXCollections.observableArrayList();
        LossChartViewModel chart = new LossChartViewModel(raw);
        raw.add(series("adv", -0.5, 0.0, 10.0));
        chart.logScaleProperty().set(true);
        assertEquals(List.of(1.0), ys(chart.mainSeries().get(0)));
    }
}
