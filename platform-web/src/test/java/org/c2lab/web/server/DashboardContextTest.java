package org.c2lab.web.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.context.ApplicationContext;
import java.util.Comparator;
import java.util.List;
import org.c2lab.web.dashboard.CompareView;
import org.c2lab.web.dashboard.DatasetsView;
import org.c2lab.web.dashboard.InMemoryRunService;
import org.c2lab.web.dashboard.LoginView;
import org.c2lab.web.dashboard.ModelsView;
import org.c2lab.web.dashboard.NewRunView;
import org.c2lab.web.dashboard.OverviewView;
import org.c2lab.web.dashboard.RunPage;
import org.junit.jupiter.api.Test;

class DashboardContextTest {
  @Test
  void theRoutesAreTheBeansAnnotatedRouteWithoutScanning() {
    try (ApplicationContext context =
        ApplicationContext.builder()
            .environments(InMemoryRunService.ENVIRONMENT)
            .deduceEnvironment(false)
            .start()) {
      List<Class<?>> routes =
          DashboardContext.routeClasses(context).stream()
              .sorted(Comparator.comparing(Class::getSimpleName))
              .toList();
      assertEquals(
          List.of(
              CompareView.class,
              DatasetsView.class,
              LoginView.class,
              ModelsView.class,
              NewRunView.class,
              OverviewView.class,
              RunPage.class),
          routes);
    }
  }
}
