package org.c2lab.web.server;

import com.vaadin.flow.di.Instantiator;
import com.vaadin.flow.function.DeploymentConfiguration;
import com.vaadin.flow.server.ServiceException;
import com.vaadin.flow.server.VaadinServlet;
import com.vaadin.flow.server.VaadinServletService;
import io.micronaut.context.BeanContext;
import java.util.Objects;
import org.c2lab.web.dashboard.LoginGuard;

/**
 * The dashboard's Vaadin servlet: its service creates views and layouts through Micronaut ({@link
 * MicronautInstantiator}), so they get the platform's services by constructor injection.
 */
final class MicronautVaadinServlet extends VaadinServlet {
  private final transient BeanContext beans;

  MicronautVaadinServlet(BeanContext beans) {
    this.beans = Objects.requireNonNull(beans, "beans");
  }

  @Override
  protected VaadinServletService createServletService(DeploymentConfiguration configuration)
      throws ServiceException {
    VaadinServletService service =
        new VaadinServletService(this, configuration) {
          @Override
          protected Instantiator createInstantiator() {
            return new MicronautInstantiator(this, beans);
          }
        };
    service.init();
    // Every page requires a login: the guard runs before any view of a UI is created.
    service.addUIInitListener(e -> e.getUI().addBeforeEnterListener(new LoginGuard()));
    return service;
  }
}
