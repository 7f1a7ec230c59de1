package org.c2lab.web.dashboard;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.micronaut.context.annotation.Prototype;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.c2lab.core.job.JobStatus;
import org.c2lab.core.store.PageRequest;
import org.c2lab.web.runs.RunService;
import org.c2lab.web.runs.RunView;

/**
 * The start page: the queue, the running jobs with live progress and ETA (pushed as the run service
 * reports changes), and recent results.
 */
@Prototype
@Route(value = "", layout = MainLayout.class)
@PageTitle("Overview · C2 Lab")
public class OverviewView extends VerticalLayout {
  /** How many runs the page considers. */
  static final int RECENT = 200;

  private final RunService runs;
  private final VerticalLayout running = new VerticalLayout();
  private final Grid<RunView> queue = runGrid();
  private final Grid<RunView> results = runGrid();
  private AutoCloseable subscription;

  /** The overview over {@code runs}. */
  public OverviewView(RunService runs) {
    this.runs = runs;
    running.setPadding(false);
    running.setId("running");
    queue.setId("queue");
    results.setId("results");
    results.addColumn(r -> r.status().name().toLowerCase()).setHeader("Status").setAutoWidth(true);
    results.addColumn(r -> Formats.time(r.finishedAt())).setHeader("Finished").setAutoWidth(true);
    results.addColumn(r -> r.error() == null ? r.message() : r.error()).setHeader("Result");
    queue.addColumn(RunView::priority).setHeader("Priority").setAutoWidth(true);
    queue.addColumn(r -> Formats.time(r.createdAt())).setHeader("Queued").setAutoWidth(true);
    queue.addColumn(r -> String.join(", ", r.dependsOn())).setHeader("Waits for");
    add(new H2("Running"), running, new H2("Queue"), queue, new H2("Recent results"), results);
    refresh();
  }

  private static Grid<RunView> runGrid() {
    Grid<RunView> grid = new Grid<>();
    grid.addComponentColumn(RunLinks::to).setHeader("Run").setAutoWidth(true);
    grid.addColumn(r -> r.kind().id()).setHeader("Kind").setAutoWidth(true);
    grid.addColumn(RunView::owner).setHeader("Owner").setAutoWidth(true);
    grid.addColumn(RunView::lane).setHeader("Lane").setAutoWidth(true);
    grid.setAllRowsVisible(true);
    return grid;
  }

  /** Reloads all three sections from the run service. */
  void refresh() {
    List<RunView> all = runs.list(PageRequest.first(RECENT)).items();
    running.removeAll();
    all.stream().filter(r -> r.status() == JobStatus.RUNNING).map(this::card).forEach(running::add);
    if (running.getComponentCount() == 0) {
      running.add(new Span("Nothing is running."));
    }
    queue.setItems(all.stream().filter(r -> r.status() == JobStatus.QUEUED).toList());
    results.setItems(all.stream().filter(r -> r.status().isTerminal()).toList());
  }

  private Div card(RunView run) {
    ProgressBar bar = new ProgressBar();
    double f = Formats.fraction(run);
    if (f < 0) {
      bar.setIndeterminate(true);
    } else {
      bar.setValue(f);
    }
    Span caption = new Span(Formats.progress(run));
    caption.addClassName("c2-progress");
    Span what = new Span(" " + run.kind().id() + " · " + run.owner() + " · " + run.lane());
    Div card = new Div(RunLinks.to(run), what, bar, caption, new Div(new Span(run.message())));
    card.addClassName("c2-running-run");
    card.getElement().setAttribute("data-run", run.id());
    card.setWidthFull();
    return card;
  }

  @Override
  protected void onAttach(AttachEvent event) {
    UI ui = event.getUI();
    // A burst of changes (progress of several runs) becomes one refresh.
    AtomicBoolean pending = new AtomicBoolean();
    subscription =
        runs.subscribe(
            changed -> {
              if (pending.compareAndSet(false, true)) {
                ui.access(
                    () -> {
                      pending.set(false);
                      refresh();
                    });
              }
            });
  }

  @Override
  protected void onDetach(DetachEvent event) {
    Subscriptions.close(subscription);
    subscription = null;
  }
}
