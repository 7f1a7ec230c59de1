package org.c2lab.web.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.c2lab.core.metrics.CorrAtK;
import org.c2lab.core.metrics.CorrectionReport;
import org.c2lab.core.store.MetricPoint;

/**
 * ECharts options for the dashboard's charts, built as JSON. Intervals are drawn as whiskers: a
 * boxplot series whose box collapses to the point ({@code [lower, x, x, x, upper]}).
 */
final class ChartOptions {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ChartOptions() {}

  /**
   * Training curves: one line per metric name present in {@code points} (x = step), e.g. {@code
   * loss}, or {@code rewards/chosen} and {@code rewards/rejected} together.
   */
  static ObjectNode curves(String title, List<MetricPoint> points, List<String> names) {
    ObjectNode option = base(title);
    option.putObject("xAxis").put("type", "value").put("name", "step");
    option.putObject("yAxis").put("type", "value").put("scale", true);
    ArrayNode series = option.putArray("series");
    ArrayNode legend = option.putObject("legend").put("top", 24).putArray("data");
    for (String name : names) {
      ArrayNode data = JSON.createArrayNode();
      for (MetricPoint p : points) {
        if (p.name().equals(name) && Double.isFinite(p.value())) {
          data.addArray().add(p.step()).add(p.value());
        }
      }
      if (!data.isEmpty()) {
        legend.add(name);
        ObjectNode s = series.addObject().put("type", "line").put("name", name);
        s.put("showSymbol", data.size() < 50);
        s.set("data", data);
      }
    }
    return option;
  }

  /** Corr@k bars of one run with their Wilson 95% intervals. */
  static ObjectNode corrBars(String title, CorrectionReport report) {
    ObjectNode option = base(title);
    ArrayNode ks =
        option.putObject("xAxis").put("type", "category").put("name", "k").putArray("data");
    option
        .putObject("yAxis")
        .put("type", "value")
        .put("min", 0)
        .put("max", 1)
        .put("name", "Corr@k");
    ArrayNode bars = JSON.createArrayNode();
    ArrayNode intervals = JSON.createArrayNode();
    for (CorrAtK c : report.perK()) {
      String k = String.valueOf(c.k());
      ks.add(k);
      bars.add(c.rate());
      intervals.add(segment(JSON.getNodeFactory().textNode(k), c));
    }
    ObjectNode series =
        option.putArray("series").addObject().put("type", "bar").put("name", "Corr@k");
    series.set("data", bars);
    series.set("markLine", intervals(intervals, "#333"));
    return option;
  }

  /**
   * Corr@k curves of several runs overlaid, each with its intervals (shifted a little along k so
   * that they do not hide each other); keys are run labels.
   */
  static ObjectNode corrCurves(String title, Map<String, CorrectionReport> reports) {
    ObjectNode option = base(title);
    List<Integer> allK =
        reports.values().stream().flatMap(r -> r.ks().stream()).distinct().sorted().toList();
    double step = allK.size() > 1 ? allK.get(1) - allK.get(0) : 10;
    ObjectNode x = option.putObject("xAxis").put("type", "value").put("name", "k");
    if (!allK.isEmpty()) {
      // One step of margin each side, so the ticks fall on the k values.
      x.put("min", allK.get(0) - step).put("max", allK.get(allK.size() - 1) + step);
      x.put("interval", step);
    }
    option
        .putObject("yAxis")
        .put("type", "value")
        .put("min", 0)
        .put("max", 1)
        .put("name", "Corr@k");
    ArrayNode legend = option.putObject("legend").put("top", 24).putArray("data");
    ArrayNode series = option.putArray("series");
    int i = 0;
    int n = reports.size();
    for (Map.Entry<String, CorrectionReport> e : reports.entrySet()) {
      double shift = n > 1 ? (i - (n - 1) / 2.0) * step * 0.3 / (n - 1) : 0;
      String color = PALETTE.get(i % PALETTE.size());
      ArrayNode line = JSON.createArrayNode();
      ArrayNode intervals = JSON.createArrayNode();
      for (CorrAtK c : e.getValue().perK()) {
        double at = c.k() + shift;
        line.addArray().add(at).add(c.rate());
        intervals.add(segment(JSON.getNodeFactory().numberNode(at), c));
      }
      legend.add(e.getKey());
      ObjectNode s =
          series.addObject().put("type", "line").put("name", e.getKey()).put("color", color);
      s.set("data", line);
      s.set("markLine", intervals(intervals, color));
      i++;
    }
    return option;
  }

  /** Series colours, so a run's intervals share its line's colour. */
  static final List<String> PALETTE =
      List.of(
          "#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de", "#3ba272", "#fc8452", "#9a60b4");

  /** An interval as a vertical mark line from (x, lower) to (x, upper). */
  private static ArrayNode segment(com.fasterxml.jackson.databind.JsonNode x, CorrAtK c) {
    ArrayNode pair = JSON.createArrayNode();
    pair.addObject().putArray("coord").add(x).add(c.wilson95().lower());
    pair.addObject().putArray("coord").add(x).add(c.wilson95().upper());
    return pair;
  }

  private static ObjectNode intervals(ArrayNode segments, String color) {
    ObjectNode mark = JSON.createObjectNode().put("silent", true);
    mark.putArray("symbol").add("none").add("none");
    mark.putObject("label").put("show", false);
    mark.putObject("lineStyle").put("type", "solid").put("width", 2).put("color", color);
    mark.set("data", segments);
    return mark;
  }

  private static ObjectNode base(String title) {
    ObjectNode option = JSON.createObjectNode();
    option.putObject("title").put("text", title).putObject("textStyle").put("fontSize", 14);
    option.putObject("tooltip").put("trigger", "axis");
    option.putObject("grid").put("top", 60).put("left", 50).put("right", 50).put("bottom", 40);
    option.put("animation", false);
    return option;
  }
}
