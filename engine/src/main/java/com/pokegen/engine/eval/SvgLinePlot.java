package com.pokegen.engine.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A small inline SVG line chart (no scripts, fonts or external references): one polyline per
 * series over sampling steps. Steps are plotted on a log₂ axis, since step counts go 1, 2, 4 … 50.
 */
final class SvgLinePlot {

    static final int WIDTH = 420;
    static final int HEIGHT = 260;
    static final int LEFT = 56;
    static final int RIGHT = 110;
    static final int TOP = 28;
    static final int BOTTOM = 40;
    private static final String[] COLOURS = {"#1f6fb4", "#d9480f", "#2b8a3e", "#7048e8", "#c2255c"};

    /** A named series of (steps, value) points. */
    record Series(String name, List<double[]> points) {}

    private SvgLinePlot() {}

    /** x pixel of a step count. */
    static double x(double steps, double minSteps, double maxSteps) {
        double span = Math.log(maxSteps) - Math.log(minSteps);
        double t = span == 0 ? 0.5 : (Math.log(steps) - Math.log(minSteps)) / span;
        return LEFT + t * (WIDTH - LEFT - RIGHT);
    }

    /** y pixel of a value (larger values higher). */
    static double y(double value, double min, double max) {
        double t = max == min ? 0.5 : (value - min) / (max - min);
        return HEIGHT - BOTTOM - t * (HEIGHT - TOP - BOTTOM);
    }

    static String render(String title, String yLabel, List<Series> series) {
        TreeSet<Double> steps = new TreeSet<>();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double[] p : s.points()) {
                steps.add(p[0]);
                min = Math.min(min, p[1]);
                max = Math.max(max, p[1]);
            }
        }
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg class=\"plot\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">",
                WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append("<title>").append(Html.escape(title)).append("</title>");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" class=\"pt\">%s</text>", LEFT, Html.escape(title)));
        if (steps.isEmpty()) {
            return svg.append("</svg>").toString();
        }
        double lo = steps.first();
        double hi = steps.last();
        int bottom = HEIGHT - BOTTOM;
        svg.append(line(LEFT, bottom, WIDTH - RIGHT, bottom)).append(line(LEFT, TOP, LEFT, bottom));
        for (double s : steps) {
            double px = x(s, lo, hi);
            svg.append(line(px, bottom, px, bottom + 4));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>", px, bottom + 16,
                    fmt(s)));
        }
        for (double v : new double[] {min, (min + max) / 2, max}) {
            double py = y(v, min, max);
            svg.append(line(LEFT - 4, py, LEFT, py));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", LEFT - 6, py + 4,
                    fmt(v)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">sampling steps (log scale)</text>",
                (LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - 6));
        svg.append(String.format(Locale.ROOT, "<text x=\"12\" y=\"%.1f\" transform=\"rotate(-90 12 %.1f)\" "
                + "text-anchor=\"middle\">%s</text>", (TOP + bottom) / 2.0, (TOP + bottom) / 2.0, Html.escape(yLabel)));
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            String colour = COLOURS[i % COLOURS.length];
            List<String> pts = new ArrayList<>();
            StringBuilder dots = new StringBuilder();
            for (double[] p : s.points()) {
                double px = x(p[0], lo, hi);
                double py = y(p[1], min, max);
                pts.add(String.format(Locale.ROOT, "%.1f,%.1f", px, py));
                dots.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s: %s steps, %s</title></circle>",
                        px, py, colour, Html.escape(s.name()), fmt(p[0]), fmt(p[1])));
            }
            svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>",
                    colour, String.join(" ", pts)));
            svg.append(dots);
            int ly = TOP + 14 * i;
            svg.append(line(WIDTH - RIGHT + 10, ly, WIDTH - RIGHT + 26, ly).replace("#444", colour));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>", WIDTH - RIGHT + 30, ly + 4,
                    Html.escape(s.name())));
        }
        return svg.append("</svg>").toString();
    }

    /** Series per variant for one metric name, points sorted by steps. */
    static List<Series> seriesFor(List<EvalReport.Metric> metrics, String name) {
        Map<String, List<double[]>> byVariant = new java.util.LinkedHashMap<>();
        for (EvalReport.Metric m : metrics) {
            if (m.name().equals(name)) {
                byVariant.computeIfAbsent(m.variant(), k -> new ArrayList<>()).add(new double[] {m.steps(), m.value()});
            }
        }
        List<Series> out = new ArrayList<>();
        byVariant.forEach((variant, pts) -> {
            pts.sort((a, b) -> Double.compare(a[0], b[0]));
            out.add(new Series(variant, pts));
        });
        return out;
    }

    private static String line(double x1, double y1, double x2, double y2) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#444\"/>", x1, y1, x2, y2);
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return Long.toString((long) v);
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
