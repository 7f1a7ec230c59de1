package org.c2lab.web.dashboard;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;

/** The dashboard's page shell: server push for live progress, the title. */
@Push
public class DashboardShell implements AppShellConfigurator {
  @Override
  public void configurePage(AppShellSettings settings) {
    settings.setPageTitle("C2 Lab");
  }
}
