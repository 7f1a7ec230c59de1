package org.c2lab.web.server;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.c2lab.web.store.RunStoreFactory;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * The lab server of {@code ./c2 serve}: one public port (Jetty 12, ee10) serving the Vaadin
 * dashboard at {@code /} and proxying {@code /api/*} and {@code /v1/*} to Micronaut's HTTP server
 * (Netty), which listens on an ephemeral loopback port only. Both share one Micronaut {@link
 * ApplicationContext} in the {@value #ENVIRONMENT} environment, where the run store and the
 * services exist (docs/server.md).
 *
 * <pre>{@code
 * try (LabServer server = LabServer.start(LabServerOptions.of("0.0.0.0", 8080))) {
 *   URI dashboard = server.uri(); // http://HOST:8080/
 * }
 * }</pre>
 */
public final class LabServer implements AutoCloseable {
  /** The Micronaut environment of the lab server. */
  public static final String ENVIRONMENT = RunStoreFactory.ENVIRONMENT;

  /** How long stopping waits for requests in flight on the public port. */
  static final long STOP_TIMEOUT_MS = 5_000;

  private final ApplicationContext context;
  private final EmbeddedServer backend;
  private final Server front;

  private LabServer(ApplicationContext context, EmbeddedServer backend, Server front) {
    this.context = context;
    this.backend = backend;
    this.front = front;
  }

  /**
   * Starts the context, the loopback backend and the public front, and returns once both ports are
   * bound.
   *
   * @throws IllegalStateException if a port cannot be bound or the context fails to start
   */
  public static LabServer start(LabServerOptions options) {
    Objects.requireNonNull(options, "options");
    Map<String, Object> properties = new HashMap<>();
    properties.put("micronaut.server.host", "127.0.0.1");
    properties.put("micronaut.server.port", -1); // a free port
    properties.put("micronaut.netty.event-loops.default.shutdown-quiet-period", "0ms");
    properties.put("micronaut.netty.event-loops.default.shutdown-timeout", "2s");
    properties.putAll(options.properties());
    List<String> environments = new ArrayList<>();
    environments.add(ENVIRONMENT);
    environments.addAll(options.environments());
    ApplicationContext context =
        ApplicationContext.builder()
            .environments(environments.toArray(String[]::new))
            .deduceEnvironment(false)
            .banner(false)
            .properties(properties)
            .start();
    Server front = null;
    try {
      warnAboutMissingServices(context);
      EmbeddedServer backend = context.getBean(EmbeddedServer.class);
      backend.start();
      URI backendRoot = URI.create("http://127.0.0.1:" + backend.getPort());
      front = new Server();
      ServerConnector connector = new ServerConnector(front);
      connector.setHost(options.host());
      connector.setPort(options.port());
      front.addConnector(connector);
      // Stopping waits (at most STOP_TIMEOUT) for requests in flight, new ones are refused.
      front.setHandler(new GracefulHandler(DashboardContext.create(context, backendRoot)));
      front.setStopTimeout(STOP_TIMEOUT_MS);
      front.start();
      return new LabServer(context, backend, front);
    } catch (Exception e) {
      stopQuietly(front);
      context.close();
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("the lab server did not start: " + e.getMessage(), e);
    }
  }

  /** The services the dashboard's pages are built on (DashboardContext's views inject them). */
  static final List<Class<?>> DASHBOARD_SERVICES =
      List.of(
          org.c2lab.web.runs.RunService.class,
          org.c2lab.web.account.AuditLog.class,
          org.c2lab.web.dashboard.DashboardAuthenticator.class,
          org.c2lab.web.registry.ModelRegistry.class,
          org.c2lab.web.registry.DatasetRegistry.class);

  /**
   * The server starts without them (the API may not need them) but its pages would fail: say so.
   */
  private static void warnAboutMissingServices(ApplicationContext context) {
    List<String> missing =
        DASHBOARD_SERVICES.stream()
            .filter(type -> !context.containsBean(type))
            .map(Class::getSimpleName)
            .toList();
    if (!missing.isEmpty()) {
      org.slf4j.LoggerFactory.getLogger(LabServer.class)
          .warn("no {} bean in the server's context: the dashboard's pages will fail", missing);
    }
  }

  /** The public port (the chosen one when started with port 0). */
  public int port() {
    return ((NetworkConnector) front.getConnectors()[0]).getLocalPort();
  }

  /** The dashboard's address, {@code http://HOST:PORT/}, with a loopback host for a wildcard. */
  public URI uri() {
    String host = ((NetworkConnector) front.getConnectors()[0]).getHost();
    if (host == null || host.equals("0.0.0.0") || host.equals("::")) {
      host = "127.0.0.1";
    }
    return URI.create(
        "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/");
  }

  /** Micronaut's loopback server, where the proxy sends {@code /api} and {@code /v1}. */
  public URI backendUri() {
    return URI.create("http://127.0.0.1:" + backend.getPort() + "/");
  }

  /** The server's Micronaut context (its services). */
  public ApplicationContext context() {
    return context;
  }

  /** Whether the public port is serving. */
  public boolean isRunning() {
    return front.isRunning();
  }

  /**
   * Stops the public port first (no new requests; those in flight, streams included, get up to
   * {@value #STOP_TIMEOUT_MS} ms to finish), then the backend and the context (runs, store).
   * Idempotent.
   */
  @Override
  public void close() {
    stopQuietly(front);
    if (context.isRunning()) {
      backend.stop();
      context.close();
    }
  }

  private static void stopQuietly(Server server) {
    if (server == null) {
      return;
    }
    try {
      server.stop();
    } catch (Exception e) {
      org.slf4j.LoggerFactory.getLogger(LabServer.class).warn("stopping the public port", e);
    }
  }
}
