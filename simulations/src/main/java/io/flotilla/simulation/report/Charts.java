package io.flotilla.simulation.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/** Line charts of runs, rendered by XChart to PNG and inlined as data URIs so a report is one file. */
final class Charts {
    /** Chart width in pixels: two charts side by side on a common screen. */
    static final int WIDTH = 640;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /** One series per run: {@code y(record)} against the round number; rounds where y is NaN are skipped. */
    static String perRound(String title, String yTitle, List<RunResult> runs, ToDoubleFunction<RoundRecord> y) {
        XYChart chart = newChart(title, "round", yTitle);
        boolean any = false;
        for (RunResult run : runs) {
            double[][] xy = points(run.rounds(), r -> r.round(), y);
            if (xy[0].length > 0) {
                chart.addSeries(run.label(), xy[0], xy[1]);
                any = true;
            }
        }
        return any ? png(chart) : null;
    }

    /**
     * Several series per run against the round number, one for each of {@code ys} (named by its key, prefixed
     * with the run's label when there are several runs); rounds where a y is NaN are skipped.
     */
    static String perRoundSeries(String title, String yTitle, List<RunResult> runs,
                                 java.util.Map<String, ToDoubleFunction<RoundRecord>> ys) {
        XYChart chart = newChart(title, "round", yTitle);
        boolean any = false;
        for (RunResult run : runs) {
            for (java.util.Map.Entry<String, ToDoubleFunction<RoundRecord>> e : ys.entrySet()) {
                double[][] xy = points(run.rounds(), r -> r.round(), e.getValue());
                if (xy[0].length > 0) {
                    chart.addSeries(runs.size() == 1 ? e.getKey() : run.label() + " " + e.getKey(), xy[0], xy[1]);
                    any = true;
                }
            }
        }
        return any ? png(chart) : null;
    }

    /** One series per run of {@code y} against {@code x}, both taken from each round's record. */
    static String xy(String title, String xTitle, String yTitle, List<RunResult> runs,
                     ToDoubleFunction<RoundRecord> x, ToDoubleFunction<RoundRecord> y) {
        XYChart chart = newChart(title, xTitle, yTitle);
        boolean any = false;
        for (RunResult run : runs) {
            double[][] xy = points(run.rounds(), x, y);
            if (xy[0].length > 0) {
                chart.addSeries(run.label(), xy[0], xy[1]);
                any = true;
            }
        }
        return any ? png(chart) : null;
    }

    private static double[][] points(List<RoundRecord> rounds, ToDoubleFunction<RoundRecord> x,
                                     ToDoubleFunction<RoundRecord> y) {
        int n = 0;
        for (RoundRecord r : rounds) {
            if (Double.isFinite(x.applyAsDouble(r)) && Double.isFinite(y.applyAsDouble(r))) {
                n++;
            }
        }
        double[] xs = new double[n];
        double[] ys = new double[n];
        int i = 0;
        for (RoundRecord r : rounds) {
            double xv = x.applyAsDouble(r);
            double yv = y.applyAsDouble(r);
            if (Double.isFinite(xv) && Double.isFinite(yv)) {
                xs[i] = xv;
                ys[i++] = yv;
            }
        }
        return new double[][] {xs, ys};
    }

    private static XYChart newChart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(340).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setYAxisDecimalPattern("#,##0.####");
        chart.getStyler().setXAxisDecimalPattern("#,##0.##");
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        return chart;
    }

    private static String png(XYChart chart) {
        try {
            byte[] bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render chart " + chart.getTitle(), e);
        }
    }
}
