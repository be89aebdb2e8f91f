package io.flotilla.simulation.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * A self-contained {@code report.html}: a summary table, charts (accuracy and loss per round; with federated
 * evaluation, centralised against federated accuracy with its spread across clients, and a per-round table of
 * those figures; bytes per round, participation, sparsity, accuracy against epsilon when privacy was accounted)
 * and the resolved
 * configuration. A sweep overlays its runs in every chart and compares them in the table.
 */
public final class HtmlReport {
    private static final double MB = 1024.0 * 1024.0;

    private HtmlReport() {
    }

    public static String render(String title, List<RunResult> runs, String configText) {
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(escape(title)).append("</title>\n<style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;max-width:1500px;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;")
                .append("text-align:right}th{background:#f3f3f3}td:first-child{text-align:left}")
                .append(".charts{display:flex;flex-wrap:wrap;gap:12px}.charts img{border:1px solid #ddd}")
                .append("pre{background:#f7f7f7;padding:1em;overflow:auto;max-height:30em}")
                .append("</style></head><body>\n<h1>").append(escape(title)).append("</h1>\n");
        summaryTable(html, runs);
        html.append("<h2>Charts</h2>\n<div class=\"charts\">\n");
        for (String chart : charts(runs)) {
            html.append("<img alt=\"chart\" src=\"").append(chart).append("\">\n");
        }
        html.append("</div>\n");
        federatedTable(html, runs);
        if (configText != null) {
            html.append("<h2>Resolved configuration</h2>\n<pre>").append(escape(configText)).append("</pre>\n");
        }
        html.append("</body></html>\n");
        return html.toString();
    }

    private static List<String> charts(List<RunResult> runs) {
        List<String> out = new ArrayList<>();
        add(out, Charts.perRound("Test accuracy", "accuracy", runs, RoundRecord::accuracy));
        add(out, Charts.perRound("Test loss", "loss", runs, RoundRecord::loss));
        Map<String, ToDoubleFunction<RoundRecord>> spread = new LinkedHashMap<>();
        spread.put("centralised", RoundRecord::accuracy);
        spread.put("federated (weighted)", RoundRecord::federatedAccuracy);
        spread.put("client min", RoundRecord::federatedAccuracyMin);
        spread.put("client median", RoundRecord::federatedAccuracyMedian);
        spread.put("client max", RoundRecord::federatedAccuracyMax);
        if (anyFederated(runs)) {
            add(out, Charts.perRoundSeries("Centralised and federated accuracy, spread across clients", "accuracy",
                    runs, spread));
            add(out, Charts.perRound("Federated evaluation loss (weighted)", "loss", runs,
                    RoundRecord::federatedLoss));
        }
        add(out, Charts.perRound("Bytes per round", "MiB (up + down)", runs,
                r -> (r.bytesUp() + r.bytesDown()) / MB));
        add(out, Charts.perRound("Participants per round", "clients", runs, RoundRecord::participants));
        add(out, Charts.perRound("Dropped and rejected per round", "clients", runs,
                r -> r.dropped() + r.rejected()));
        add(out, Charts.perRound("Non-zero parameters", "parameters", runs,
                r -> r.paramsNonzero() < 0 ? Double.NaN : r.paramsNonzero()));
        add(out, Charts.xy("Accuracy against privacy spent", "epsilon", "accuracy", runs,
                RoundRecord::epsilon, RoundRecord::accuracy));
        return out;
    }

    private static boolean anyFederated(List<RunResult> runs) {
        for (RunResult run : runs) {
            for (RoundRecord r : run.rounds()) {
                if (r.federated()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Per round, centralised accuracy beside the federated evaluation (weighted accuracy and loss, and the spread
     * across clients): the table behind the fairness chart, for runs that evaluated federatedly.
     */
    private static void federatedTable(StringBuilder html, List<RunResult> runs) {
        if (!anyFederated(runs)) {
            return;
        }
        html.append("<h2>Federated evaluation</h2>\n");
        for (RunResult run : runs) {
            if (runs.size() > 1) {
                html.append("<h3>").append(escape(run.label())).append("</h3>\n");
            }
            html.append("<table>\n<tr><th>round</th><th>centralised accuracy</th><th>federated accuracy</th>"
                    + "<th>federated loss</th><th>client min</th><th>client median</th><th>client max</th>"
                    + "<th>clients</th></tr>\n");
            for (RoundRecord r : run.rounds()) {
                if (r.federatedClients() == 0 && !r.federated()) {
                    continue;
                }
                html.append("<tr><td>").append(r.round()).append("</td>");
                for (double v : new double[] {r.accuracy(), r.federatedAccuracy(), r.federatedLoss(),
                    r.federatedAccuracyMin(), r.federatedAccuracyMedian(), r.federatedAccuracyMax()}) {
                    html.append("<td>").append(escape(format(v))).append("</td>");
                }
                html.append("<td>").append(r.federatedClients()).append("</td></tr>\n");
            }
            html.append("</table>\n");
        }
    }

    private static void add(List<String> out, String chart) {
        if (chart != null) {
            out.add(chart);
        }
    }

    private static void summaryTable(StringBuilder html, List<RunResult> runs) {
        Set<String> keys = new LinkedHashSet<>();
        for (RunResult r : runs) {
            for (Map.Entry<String, Object> e : r.summary().entrySet()) {
                // Nested maps (the resolved scenario) are shown as configuration text, not as table cells.
                if (!(e.getValue() instanceof Map)) {
                    keys.add(e.getKey());
                }
            }
        }
        html.append("<h2>Summary</h2>\n<table>\n<tr><th>key</th>");
        for (RunResult r : runs) {
            html.append("<th>").append(escape(r.label())).append("</th>");
        }
        html.append("</tr>\n");
        for (String key : keys) {
            html.append("<tr><td>").append(escape(key)).append("</td>");
            for (RunResult r : runs) {
                Object v = r.summary().get(key);
                html.append("<td>").append(escape(format(v))).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private static String format(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d) {
            return Double.isFinite(d) ? String.format(java.util.Locale.ROOT, "%.4g", d) : "";
        }
        return v.toString();
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
