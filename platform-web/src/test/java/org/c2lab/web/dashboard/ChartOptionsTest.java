package org.c2lab.web.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.c2lab.core.metrics.CorrAtK;
import org.c2lab.core.metrics.CorrectionReport;
import org.c2lab.core.metrics.SampleOutcome;
import org.c2lab.core.store.MetricPoint;
import org.junit.jupiter.api.Test;

class ChartOptionsTest {
  @Test
  void curvesHaveOneLinePerPresentMetricWithStepsAsX() {
    Instant t = Instant.EPOCH;
    List<MetricPoint> points =
        List.of(
            new MetricPoint("r", 1, "loss", 0.7, t),
            new MetricPoint("r", 2, "loss", 0.5, t),
            new MetricPoint("r", 2, "loss_nan", Double.NaN, t),
            new MetricPoint("r", 1, "rewards/chosen", 0.1, t));
    ObjectNode o = ChartOptions.curves("Loss", points, List.of("loss", "rewards/margins"));
    assertEquals(1, o.get("series").size()); // no points for rewards/margins: no line
    JsonNode loss = o.get("series").get(0);
    assertEquals("loss", loss.get("name").asText());
    assertEquals("[[1,0.7],[2,0.5]]", loss.get("data").toString());
    assertEquals("Loss", o.get("title").get("text").asText());
  }

  @Test
  void corrBarsCarryEachKsWilsonIntervalAsAMarkLine() {
    CorrectionReport report = report(List.of(10, 20), new int[] {3, 1}, 4);
    ObjectNode o = ChartOptions.corrBars("Corr@k", report);
    assertEquals("[\"10\",\"20\"]", o.get("xAxis").get("data").toString());
    JsonNode bars = o.get("series").get(0);
    assertEquals("[0.75,0.25]", bars.get("data").toString());
    CorrAtK k10 = report.corrAt(10);
    JsonNode segment = bars.get("markLine").get("data").get(0);
    assertEquals("10", segment.get(0).get("coord").get(0).asText());
    assertEquals(k10.wilson95().lower(), segment.get(0).get("coord").get(1).asDouble(), 1e-12);
    assertEquals(k10.wilson95().upper(), segment.get(1).get("coord").get(1).asDouble(), 1e-12);
  }

  @Test
  void overlaidCurvesAreShiftedApartAlongK() {
    Map<String, CorrectionReport> reports = new LinkedHashMap<>();
    reports.put("a", report(List.of(10, 20), new int[] {1, 2}, 4));
    reports.put("b", report(List.of(10, 20), new int[] {3, 4}, 4));
    ObjectNode o = ChartOptions.corrCurves("Corr@k", reports);
    assertEquals(2, o.get("series").size());
    double xa = o.get("series").get(0).get("data").get(0).get(0).asDouble();
    double xb = o.get("series").get(1).get("data").get(0).get(0).asDouble();
    assertEquals(10.0, (xa + xb) / 2, 1e-9);
    assertEquals(true, xa < xb);
    assertEquals("[\"a\",\"b\"]", o.get("legend").get("data").toString());
  }

  /** A report where {@code yes[i]} of {@code paths} paths (one request) corrected at ks[i]. */
  private static CorrectionReport report(List<Integer> ks, int[] yes, int paths) {
    List<SampleOutcome> outcomes = new ArrayList<>();
    for (int i = 0; i < ks.size(); i++) {
      for (int p = 0; p < paths; p++) {
        outcomes.add(new SampleOutcome("req-1", ks.get(i), p, p < yes[i]));
      }
    }
    return CorrectionReport.from(outcomes);
  }
}
