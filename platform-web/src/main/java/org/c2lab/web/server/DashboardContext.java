package org.c2lab.web.server;

import com.vaadin.flow.di.LookupInitializer;
import com.vaadin.flow.router.InternalServerError;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteNotFoundError;
import com.vaadin.flow.server.InitParameters;
import com.vaadin.flow.server.startup.ErrorNavigationTargetInitializer;
import com.vaadin.flow.server.startup.LookupServletContainerInitializer;
import com.vaadin.flow.server.startup.RouteRegistryInitializer;
import com.vaadin.flow.server.startup.VaadinAppShellInitializer;
import io.micronaut.context.BeanContext;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.inject.qualifiers.Qualifiers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.c2lab.web.dashboard.DashboardShell;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * The servlet context of the public port: the Vaadin dashboard at {@code /}, and {@code /api/*} and
 * {@code /v1/*} proxied to Micronaut's loopback server.
 *
 * <p>Vaadin starts without classpath scanning: its servlet container initializers are called with
 * the classes they would have found, which Micronaut already knows (the views are beans annotated
 * {@link Route}; the app shell is {@link DashboardShell}). The front end is Vaadin's pre-compiled
 * production bundle, unpacked at build time into {@code META-INF/VAADIN/} (see platform-web's pom),
 * so neither npm nor a bundler ever runs. Static files ({@code META-INF/resources/} of every jar:
 * our chart element, the ECharts webjar) are served from the class path.
 */
final class DashboardContext {
  private DashboardContext() {}

  /**
   * A context whose Vaadin views come from {@code beans} and whose API paths go to {@code backend}.
   */
  static ServletContextHandler create(BeanContext beans, URI backend) {
    ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
    context.setContextPath("/");
    context.setClassLoader(DashboardContext.class.getClassLoader());
    context.setBaseResource(classPathResources(context));
    context.setInitParameter(InitParameters.SERVLET_PARAMETER_PRODUCTION_MODE, "true");

    // Each initializer gets what its @HandlesTypes would have found; Lookup's insists on seeing
    // LookupInitializer itself (then it uses its default, ServiceLoader-based lookup).
    context.addServletContainerInitializer(
        new LookupServletContainerInitializer(), LookupInitializer.class);
    context.addServletContainerInitializer(
        new RouteRegistryInitializer(), routeClasses(beans).toArray(Class<?>[]::new));
    context.addServletContainerInitializer(new VaadinAppShellInitializer(), DashboardShell.class);
    context.addServletContainerInitializer(
        new ErrorNavigationTargetInitializer(),
        RouteNotFoundError.class,
        InternalServerError.class);
    // @Push over WebSocket: Atmosphere finds the Jakarta WebSocket container in the context.
    JakartaWebSocketServletContainerInitializer.configure(context, null);

    ServletHolder proxy = new ServletHolder("backend-proxy", new BackendProxyServlet(backend));
    proxy.setAsyncSupported(true);
    proxy.setInitParameter("timeout", "0"); // streams (server-sent events) may stay open
    context.addServlet(proxy, "/api/*");
    context.addServlet(proxy, "/v1/*");

    ServletHolder vaadin = new ServletHolder("vaadin", new MicronautVaadinServlet(beans));
    vaadin.setAsyncSupported(true);
    vaadin.setInitOrder(1);
    context.addServlet(vaadin, "/*");
    return context;
  }

  /** The classes of the dashboard's routes: Micronaut bean definitions annotated {@link Route}. */
  static List<Class<?>> routeClasses(BeanContext beans) {
    List<Class<?>> routes = new ArrayList<>();
    for (BeanDefinition<?> definition :
        beans.getBeanDefinitions(Qualifiers.byStereotype(Route.class))) {
      routes.add(definition.getBeanType());
    }
    return routes;
  }

  private static Resource classPathResources(ServletContextHandler context) {
    ResourceFactory factory = ResourceFactory.of(context);
    List<Resource> roots = new ArrayList<>();
    try {
      ClassLoader loader = DashboardContext.class.getClassLoader();
      for (URL url : Collections.list(loader.getResources("META-INF/resources"))) {
        URI uri = url.toURI();
        if (uri.getScheme().equals("jar")) {
          // Vaadin checks a resource on Jetty 12 with Path.of(url.toURI()), which needs the
          // jar's zip file system open by URI for as long as the server runs.
          context.addBean(new MountedJar(uri), true);
        }
        roots.add(factory.newResource(uri));
      }
    } catch (URISyntaxException e) {
      throw new IllegalStateException("a class path URL that is no URI", e);
    } catch (IOException e) {
      throw new UncheckedIOException("listing META-INF/resources on the class path", e);
    }
    return ResourceFactory.combine(roots);
  }

  /** A jar's zip file system, open while the context runs. */
  private static final class MountedJar extends org.eclipse.jetty.util.component.AbstractLifeCycle {
    private final URI jar;
    private java.nio.file.FileSystem mounted;

    MountedJar(URI inJar) {
      String s = inJar.toString();
      this.jar = URI.create(s.substring(0, s.indexOf("!/")));
    }

    @Override
    protected void doStart() throws IOException {
      try {
        mounted = java.nio.file.FileSystems.newFileSystem(jar, java.util.Map.of());
      } catch (java.nio.file.FileSystemAlreadyExistsException e) {
        mounted = null; // someone else keeps it open
      }
    }

    @Override
    protected void doStop() throws IOException {
      if (mounted != null) {
        mounted.close();
        mounted = null;
      }
    }
  }
}
