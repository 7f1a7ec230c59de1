package org.c2lab.web.dashboard;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.micronaut.context.annotation.Prototype;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.c2lab.core.metrics.CorrectionReport;
import org.c2lab.core.metrics.PairedComparison;
import org.c2lab.core.metrics.SampleKey;
import org.c2lab.core.store.PageRequest;
import org.c2lab.web.account.AuditLog;
import org.c2lab.web.runs.RunKind;
import org.c2lab.web.runs.RunService;
import org.c2lab.web.runs.RunView;

/**
 * Comparing C2-Eval runs: Corr@k curves overlaid with their intervals, Corr_mean per run with the
 * paired difference to the first run (bootstrap interval, exact McNemar p-value), and the samples
 * whose verdict flipped, side by side. Computed with core's metrics from the runs' samples.
 */
@Prototype
@Route(value = "compare", layout = MainLayout.class)
@PageTitle("Compare · C2 Lab")
public class CompareView extends VerticalLayout {
  /** Flipped samples shown per pair of runs. */
  static final int FLIPS_SHOWN = 20;

  private final RunService runs;
  private final RunReports reports;
  private final AuditLog audit;
  private final MultiSelectComboBox<RunView> pick = new MultiSelectComboBox<>("C2-Eval runs");
  private final VerticalLayout result = new VerticalLayout();

  /** The compare page over {@code runs}. */
  public CompareView(RunService runs, RunReports reports, AuditLog audit) {
    this.runs = runs;
    this.reports = reports;
    this.audit = audit;
    pick.setId("compare-runs");
    pick.setItemLabelGenerator(
        r -> Formats.label(r) + " · " + r.params().getOrDefault("model", ""));
    pick.setWidth("40em");
    pick.setItems(evalRuns());
    Button compare = new Button("Compare", e -> compare(new ArrayList<>(pick.getSelectedItems())));
    compare.setId("compare-go");
    compare.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    Button preset = new Button("Llama2 vs Qwen2, before and after DPO", e -> preset());
    preset.setId("compare-preset");
    HorizontalLayout bar = new HorizontalLayout(pick, compare, preset);
    bar.setAlignItems(Alignment.BASELINE);
    result.setPadding(false);
    result.setId("compare-result");
    add(new H2("Compare"), bar, result);
  }

  private List<RunView> evalRuns() {
    return runs.list(PageRequest.first(OverviewView.RECENT)).items().stream()
        .filter(r -> r.kind() == RunKind.C2_EVAL && r.status().isTerminal())
        .toList();
  }

  private void preset() {
    List<RunView> chosen =
        ComparisonPresets.llamaQwenBeforeAfterDpo(
            runs.list(PageRequest.first(OverviewView.RECENT)).items(), runs::directory);
    if (chosen.size() < 2) {
      Notification.show(
          "Need successful C2-Eval runs of Llama2 and Qwen2 models, before and after a DPO run;"
              + " found "
              + chosen.size());
      return;
    }
    pick.setValue(new LinkedHashSet<>(chosen));
    compare(chosen);
  }

  /** Compares {@code selected}, the first being the baseline. */
  void compare(List<RunView> selected) {
    result.removeAll();
    if (selected.size() < 2) {
      result.add(new Span("Pick two or more C2-Eval runs."));
      return;
    }
    Map<RunView, List<SampleRow>> rows = new LinkedHashMap<>();
    Map<String, CorrectionReport> curves = new LinkedHashMap<>();
    for (RunView run : selected) {
      List<SampleRow> r = reports.sampleRows(run.id(), RunPage.SAMPLES);
      rows.put(run, r);
      reports.report(r).ifPresent(rep -> curves.put(Formats.label(run), rep));
    }
    EChart chart = new EChart("320px");
    chart.setId("chart-compare");
    chart.setOption(ChartOptions.corrCurves("Corr@k (Wilson 95%)", curves));
    result.add(chart);

    RunView base = selected.get(0);
    List<Row> table = new ArrayList<>();
    List<Div> flips = new ArrayList<>();
    for (RunView run : selected) {
      CorrectionReport rep = curves.get(Formats.label(run));
      if (run == base || rep == null || !curves.containsKey(Formats.label(base))) {
        table.add(new Row(run, rep, null, null));
        continue;
      }
      try {
        PairedComparison pc =
            PairedComparison.of(outcomes(rows.get(base)), outcomes(rows.get(run)));
        table.add(new Row(run, rep, pc, null));
        flips.add(flipped(base, run, pc, rows));
      } catch (IllegalArgumentException e) { // incl. UnpairedOutcomesException: other keys
        table.add(new Row(run, rep, null, e.getMessage()));
      }
    }
    Grid<Row> grid = new Grid<>();
    grid.setId("compare-table");
    grid.addColumn(r -> Formats.label(r.run())).setHeader("Run").setAutoWidth(true);
    grid.addColumn(r -> r.run().params().getOrDefault("model", "")).setHeader("Model");
    grid.addColumn(r -> r.report() == null ? "–" : Formats.number(r.report().corrMean()))
        .setHeader("Corr_mean");
    grid.addColumn(
            r ->
                r.report() == null
                    ? ""
                    : "["
                        + Formats.number(r.report().corrMeanInterval().lower())
                        + ", "
                        + Formats.number(r.report().corrMeanInterval().upper())
                        + "]")
        .setHeader("95% interval");
    grid.addColumn(r -> r.paired() == null ? "" : signed(r.paired().corrMeanDifference()))
        .setHeader("Δ vs " + Formats.label(base));
    grid.addColumn(
            r ->
                r.paired() == null
                    ? ""
                    : "["
                        + signed(r.paired().differenceInterval().lower())
                        + ", "
                        + signed(r.paired().differenceInterval().upper())
                        + "]")
        .setHeader("Δ interval");
    grid.addColumn(
            r ->
                r.paired() != null
                    ? String.format(java.util.Locale.ROOT, "%.3g", r.paired().overall().pValue())
                    : r.problem() == null ? "" : r.problem())
        .setHeader("McNemar p");
    grid.setItems(table);
    grid.setAllRowsVisible(true);
    result.add(new H3("Corr_mean"), grid);
    if (!flips.isEmpty()) {
      result.add(new H3("Flipped samples"));
      flips.forEach(result::add);
    }
  }

  private Div flipped(
      RunView a, RunView b, PairedComparison pc, Map<RunView, List<SampleRow>> rows) {
    Map<SampleKey, SampleRow> byKeyA = byKey(rows.get(a));
    Map<SampleKey, SampleRow> byKeyB = byKey(rows.get(b));
    Div box = new Div();
    box.addClassName("c2-flips");
    box.add(
        new H3(
            Formats.label(a)
                + " → "
                + Formats.label(b)
                + ": "
                + pc.aNoBYes().size()
                + " newly corrected, "
                + pc.aYesBNo().size()
                + " no longer corrected"));
    List<SampleKey> keys = new ArrayList<>(pc.aNoBYes());
    keys.addAll(pc.aYesBNo());
    for (SampleKey key : keys.subList(0, Math.min(FLIPS_SHOWN, keys.size()))) {
      SampleRow ra = byKeyA.get(key);
      SampleRow rb = byKeyB.get(key);
      HorizontalLayout line = new HorizontalLayout();
      line.setWidthFull();
      line.add(
          SamplesPanel.column(
              key + " prefill",
              new HarmfulText(
                  ra.prefix(), a.id() + "/" + ra.key() + "#prefix", SignedIn.require(), audit)),
          SamplesPanel.column(
              Formats.label(a) + (ra.corrected() ? " (corrected)" : " (not corrected)"),
              new HarmfulText(
                  ra.continuation(),
                  a.id() + "/" + ra.key() + "#continuation",
                  SignedIn.require(),
                  audit)),
          SamplesPanel.column(
              Formats.label(b) + (rb.corrected() ? " (corrected)" : " (not corrected)"),
              new HarmfulText(
                  rb.continuation(),
                  b.id() + "/" + rb.key() + "#continuation",
                  SignedIn.require(),
                  audit)));
      box.add(line);
    }
    return box;
  }

  private static List<org.c2lab.core.metrics.SampleOutcome> outcomes(List<SampleRow> rows) {
    return rows.stream().map(SampleRow::outcome).toList();
  }

  private static Map<SampleKey, SampleRow> byKey(List<SampleRow> rows) {
    Map<SampleKey, SampleRow> map = new LinkedHashMap<>();
    rows.forEach(r -> map.put(r.outcome().key(), r));
    return map;
  }

  private static String signed(double x) {
    return (x >= 0 ? "+" : "") + Formats.number(x);
  }

  /** One run's line of the Corr_mean table. */
  record Row(RunView run, CorrectionReport report, PairedComparison paired, String problem) {}
}
