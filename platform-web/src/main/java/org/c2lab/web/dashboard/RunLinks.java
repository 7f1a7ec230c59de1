package org.c2lab.web.dashboard;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.router.RouteConfiguration;
import org.c2lab.web.runs.RunView;

/** Links to a run's page. */
final class RunLinks {
  private RunLinks() {}

  /** A link to the run page of {@code run}, labelled with its name or id. */
  static Anchor to(RunView run) {
    Anchor a =
        new Anchor(
            RouteConfiguration.forSessionScope().getUrl(RunPage.class, run.id()),
            Formats.label(run));
    a.addClassName("c2-run-link");
    return a;
  }
}
