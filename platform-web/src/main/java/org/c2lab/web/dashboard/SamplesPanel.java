package org.c2lab.web.dashboard;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import java.util.List;
import org.c2lab.web.account.AuditLog;
import org.c2lab.web.account.Principal;

/**
 * A C2-Eval run's judged samples: filters (k, verdict, judges disagreeing), and the selected
 * sample's request, prefilled prefix and continuation side by side, blurred until revealed.
 */
class SamplesPanel extends VerticalLayout {
  static final String ANY = "any";
  static final String CORRECTED = "corrected";
  static final String NOT_CORRECTED = "not corrected";

  private final String runId;
  private final Principal who;
  private final AuditLog audit;
  private final Grid<SampleRow> grid = new Grid<>();
  private final ComboBox<Integer> k = new ComboBox<>("k");
  private final Select<String> verdict = new Select<>();
  private final Checkbox disagreement = new Checkbox("Judges disagree");
  private final HorizontalLayout detail = new HorizontalLayout();
  private List<SampleRow> rows = List.of();

  SamplesPanel(String runId, Principal who, AuditLog audit) {
    this.runId = runId;
    this.who = who;
    this.audit = audit;
    setPadding(false);
    k.setId("samples-k");
    k.setClearButtonVisible(true);
    verdict.setLabel("Verdict");
    verdict.setId("samples-verdict");
    verdict.setItems(ANY, CORRECTED, NOT_CORRECTED);
    verdict.setValue(ANY);
    disagreement.setId("samples-disagreement");
    k.addValueChangeListener(e -> filter());
    verdict.addValueChangeListener(e -> filter());
    disagreement.addValueChangeListener(e -> filter());
    grid.setId("samples");
    grid.addColumn(SampleRow::requestId).setHeader("Request").setAutoWidth(true);
    grid.addColumn(SampleRow::k).setHeader("k").setAutoWidth(true);
    grid.addColumn(SampleRow::path).setHeader("Path").setAutoWidth(true);
    grid.addColumn(r -> r.corrected() ? CORRECTED : NOT_CORRECTED).setHeader("Verdict");
    grid.addColumn(SampleRow::judge).setHeader("Judge");
    grid.addColumn(r -> r.disagreement() ? "yes" : "").setHeader("Disagreement");
    grid.setHeight("320px");
    grid.asSingleSelect().addValueChangeListener(e -> show(e.getValue()));
    detail.setWidthFull();
    detail.setId("sample-detail");
    HorizontalLayout filters = new HorizontalLayout(k, verdict, disagreement);
    filters.setAlignItems(Alignment.BASELINE);
    add(filters, grid, detail);
  }

  /** Shows {@code all} (filters kept). */
  void setRows(List<SampleRow> all) {
    this.rows = List.copyOf(all);
    k.setItems(rows.stream().map(SampleRow::k).distinct().sorted().toList());
    filter();
  }

  /** The rows the filters let through. */
  List<SampleRow> filtered() {
    return rows.stream()
        .filter(r -> k.getValue() == null || r.k() == k.getValue())
        .filter(
            r ->
                ANY.equals(verdict.getValue())
                    || r.corrected() == CORRECTED.equals(verdict.getValue()))
        .filter(r -> !disagreement.getValue() || r.disagreement())
        .toList();
  }

  ComboBox<Integer> kFilter() {
    return k;
  }

  Select<String> verdictFilter() {
    return verdict;
  }

  Checkbox disagreementFilter() {
    return disagreement;
  }

  Grid<SampleRow> grid() {
    return grid;
  }

  private void filter() {
    grid.setItems(filtered());
  }

  private void show(SampleRow row) {
    detail.removeAll();
    if (row == null) {
      return;
    }
    String target = runId + "/" + row.key();
    detail.add(
        column("Request", new HarmfulText(row.request(), target + "#request", who, audit)),
        column(
            "Prefill (first " + row.k() + " words)",
            new HarmfulText(row.prefix(), target + "#prefix", who, audit)),
        column(
            "Continuation (" + (row.corrected() ? CORRECTED : NOT_CORRECTED) + ")",
            new HarmfulText(row.continuation(), target + "#continuation", who, audit)));
  }

  static Div column(String title, HarmfulText text) {
    Div d = new Div(new H4(title), text);
    d.getStyle().set("flex", "1 1 0").set("min-width", "0");
    return d;
  }
}
