package org.c2lab.web.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JavaScript;

/**
 * An Apache ECharts chart: our {@code <c2-chart>} element, which renders the option JSON it is
 * given. Both scripts are external resources served from the class path ({@code
 * META-INF/resources}), not part of Vaadin's front-end bundle, so no bundling is needed: ECharts
 * from its webjar, the element from {@code c2/c2-chart.js}.
 */
@Tag("c2-chart")
@JavaScript("context://webjars/echarts/" + EChart.ECHARTS_VERSION + "/dist/echarts.min.js")
@JavaScript("context://c2/c2-chart.js")
public class EChart extends Component implements HasSize {
  /** The ECharts webjar version (platform-web's pom, {@code echarts.version}). */
  static final String ECHARTS_VERSION = "5.3.1";

  private String option = "";

  /** An empty chart of the given height, full width. */
  public EChart(String height) {
    setWidthFull();
    setHeight(height);
  }

  /** Replaces the chart with {@code option} (an ECharts option object). */
  public void setOption(ObjectNode option) {
    this.option = option.toString();
    getElement().setProperty("option", this.option);
  }

  /** The option last set, as JSON, or empty. */
  public String option() {
    return option;
  }
}
