package org.c2lab.web.dashboard;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.BeforeEvent;
import com.vaadin.flow.router.HasUrlParameter;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import io.micronaut.context.annotation.Prototype;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.c2lab.core.metrics.MetricNames;
import org.c2lab.core.store.MetricPoint;
import org.c2lab.web.account.AuditLog;
import org.c2lab.web.account.Principal;
import org.c2lab.web.runs.RunKind;
import org.c2lab.web.runs.RunService;
import org.c2lab.web.runs.RunView;

/**
 * One run: status with live progress, parameters and command line, provenance, live metrics
 * (training curves, or Corr@k bars with intervals), the log's tail, the judged samples, the files
 * to download, and a cancel button for those who may launch runs.
 */
@Prototype
@Route(value = "runs", layout = MainLayout.class)
@PageTitle("Run · C2 Lab")
public class RunPage extends VerticalLayout implements HasUrlParameter<String> {
  /** Lines of the log shown. */
  static final int LOG_LINES = 200;

  /** Samples loaded for the table. */
  static final int SAMPLES = 5_000;

  private final RunService runs;
  private final AuditLog audit;
  private final RunReports reports;
  private final H2 title = new H2();
  private final Span status = new Span();
  private final ProgressBar progress = new ProgressBar();
  private final Span progressText = new Span();
  private final Button cancel = new Button("Cancel run");
  private final Pre command = new Pre();
  private final Grid<Map.Entry<String, String>> params = new Grid<>();
  private final Pre provenance = new Pre();
  private final VerticalLayout charts = new VerticalLayout();
  private final Pre log = new Pre();
  private final VerticalLayout files = new VerticalLayout();
  private SamplesPanel samples;
  private String runId;
  private AutoCloseable subscription;
  private long resultsShownAt;

  /** The run page over {@code runs}; reveals audited in {@code audit}. */
  public RunPage(RunService runs, AuditLog audit, RunReports reports) {
    this.runs = runs;
    this.audit = audit;
    this.reports = reports;
    status.setId("run-status");
    progressText.setId("run-progress");
    cancel.setId("run-cancel");
    cancel.addThemeVariants(ButtonVariant.LUMO_ERROR);
    cancel.addClickListener(e -> cancel());
    command.getStyle().set("white-space", "pre-wrap");
    command.setId("run-command");
    params.addColumn(Map.Entry::getKey).setHeader("Parameter").setAutoWidth(true);
    params.addColumn(Map.Entry::getValue).setHeader("Value");
    params.setAllRowsVisible(true);
    provenance.setId("run-provenance");
    provenance.getStyle().set("max-height", "20em").set("overflow", "auto");
    charts.setPadding(false);
    charts.setId("run-charts");
    log.setId("run-log");
    log.getStyle().set("max-height", "20em").set("overflow", "auto");
    files.setPadding(false);
    files.setId("run-files");
  }

  @Override
  public void setParameter(BeforeEvent event, String id) {
    this.runId = id;
    removeAll();
    RunView run = runs.get(id).orElse(null);
    if (run == null) {
      add(new H2("No run " + id));
      return;
    }
    Principal who = SignedIn.require();
    cancel.setVisible(who.role().canLaunch());
    HorizontalLayout head = new HorizontalLayout(title, status, cancel);
    head.setAlignItems(Alignment.BASELINE);
    add(head, progress, progressText);
    add(new H3("Parameters"), command, params);
    add(new H3("Metrics"), charts);
    if (run.kind() == RunKind.C2_EVAL) {
      samples = new SamplesPanel(id, who, audit);
      add(new H3("Samples"), samples);
    }
    add(new H3("Log"), log, new H3("Files"), files, new H3("Provenance"), provenance);
    render(run);
    renderResults(run);
  }

  private void render(RunView run) {
    title.setText(Formats.label(run) + " (" + run.kind().id() + ")");
    status.setText(
        run.status().name().toLowerCase() + (run.error() == null ? "" : ": " + run.error()));
    double f = Formats.fraction(run);
    progress.setIndeterminate(f < 0 && !run.status().isTerminal());
    progress.setValue(f < 0 ? (run.status().isTerminal() ? 1 : 0) : f);
    progressText.setText(
        Formats.progress(run) + (run.message().isBlank() ? "" : " · " + run.message()));
    cancel.setEnabled(!run.status().isTerminal());
    command.setText(String.join(" ", run.commandLine()));
    params.setItems(List.copyOf(run.params().entrySet()));
    log.setText(String.join("\n", runs.log(run.id(), LOG_LINES)));
  }

  /** Metrics, samples, files and provenance: reloaded on load and whenever the run changes. */
  private void renderResults(RunView run) {
    resultsShownAt = System.currentTimeMillis();
    charts.removeAll();
    if (run.kind() == RunKind.C2_EVAL) {
      List<SampleRow> rows = reports.sampleRows(run.id(), SAMPLES);
      samples.setRows(rows);
      reports
          .report(rows)
          .ifPresentOrElse(
              r -> charts.add(chart("corr-bars", ChartOptions.corrBars("Corr@k (Wilson 95%)", r))),
              () -> charts.add(new Span("No judged samples yet.")));
    } else if (run.kind() == RunKind.DPO || run.kind() == RunKind.SFT) {
      List<MetricPoint> points = runs.metrics(run.id());
      charts.add(chart("loss", ChartOptions.curves("Loss", points, List.of(MetricNames.LOSS))));
      if (run.kind() == RunKind.DPO) {
        charts.add(
            chart(
                "rewards",
                ChartOptions.curves(
                    "Rewards",
                    points,
                    List.of(
                        MetricNames.REWARDS_CHOSEN,
                        MetricNames.REWARDS_REJECTED,
                        MetricNames.REWARDS_MARGINS))));
        charts.add(
            chart(
                "accuracies",
                ChartOptions.curves(
                    "Reward accuracy", points, List.of(MetricNames.REWARDS_ACCURACIES))));
      }
    } else {
      charts.add(new Span("This kind of run has no charts; see its files."));
    }
    files.removeAll();
    Path dir = runs.directory(run.id());
    for (Path file : runs.files(run.id())) {
      Anchor a = new Anchor(DownloadHandler.forFile(dir.resolve(file).toFile()), file.toString());
      a.getElement().setAttribute("download", true);
      files.add(a);
    }
    provenance.setText(reports.provenance(run.id()).orElse("(no provenance file yet)"));
  }

  private static EChart chart(String id, com.fasterxml.jackson.databind.node.ObjectNode option) {
    EChart chart = new EChart("280px");
    chart.setId("chart-" + id);
    chart.setOption(option);
    return chart;
  }

  private void cancel() {
    try {
      render(runs.cancel(runId, SignedIn.require()));
    } catch (RuntimeException e) {
      Notification.show("Cannot cancel: " + e.getMessage());
    }
  }

  @Override
  protected void onAttach(AttachEvent event) {
    UI ui = event.getUI();
    subscription =
        runs.subscribe(
            changed -> {
              if (changed.id().equals(runId)) {
                ui.access(
                    () -> {
                      render(changed);
                      // Results cost more (samples, bootstrap): at most every 2 s, and at the end.
                      long now = System.currentTimeMillis();
                      if (changed.status().isTerminal() || now - resultsShownAt > 2_000) {
                        renderResults(changed);
                      }
                    });
              }
            });
  }

  @Override
  protected void onDetach(DetachEvent event) {
    Subscriptions.close(subscription);
    subscription = null;
  }

  /** The samples panel of a C2-Eval run, else null (tests). */
  SamplesPanel samples() {
    return samples;
  }
}
