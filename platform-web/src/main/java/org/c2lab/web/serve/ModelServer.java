package org.c2lab.web.serve;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import org.c2lab.web.backend.ModelHandle;

/**
 * A running OpenAI-compatible server for one model: its own Micronaut context in the {@value
 * #ENVIRONMENT} environment, started on demand, so that the command line's context never opens a
 * port. Closing it stops the server; the model stays open (its owner closes it).
 *
 * <pre>{@code
 * try (ModelServer server = ModelServer.start(handle, options)) {
 *   URI api = server.apiRoot(); // http://127.0.0.1:PORT/v1
 * }
 * }</pre>
 */
public final class ModelServer implements AutoCloseable {
  /** The Micronaut environment the server's context runs in. */
  public static final String ENVIRONMENT = "model-serve";

  private final ApplicationContext context;
  private final EmbeddedServer server;

  private ModelServer(ApplicationContext context, EmbeddedServer server) {
    this.context = context;
    this.server = server;
  }

  /**
   * Starts serving {@code model} as {@code options} say, and returns once the port is bound.
   *
   * @throws RuntimeException if the port cannot be bound (Micronaut's message names it)
   */
  public static ModelServer start(ModelHandle model, ServeOptions options) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(options, "options");
    Map<String, Object> properties =
        Map.of(
            "micronaut.server.host",
            options.host(),
            "micronaut.server.port",
            options.port(),
            // Stop at once on close: requests in flight are the client's to retry.
            "micronaut.netty.event-loops.default.shutdown-quiet-period",
            "0ms",
            "micronaut.netty.event-loops.default.shutdown-timeout",
            "2s");
    ApplicationContext context =
        ApplicationContext.builder()
            .environments(ENVIRONMENT)
            .deduceEnvironment(false)
            .banner(false)
            .properties(properties)
            .singletons(model, options)
            .start();
    try {
      EmbeddedServer server = context.getBean(EmbeddedServer.class);
      server.start();
      return new ModelServer(context, server);
    } catch (RuntimeException e) {
      context.close();
      throw e;
    }
  }

  /** The bound port (the chosen one when started with port 0). */
  public int port() {
    return server.getPort();
  }

  /** The API root clients use, {@code http://HOST:PORT/v1}. */
  public URI apiRoot() {
    return URI.create("http://" + hostForUrl() + ":" + port() + "/v1");
  }

  private String hostForUrl() {
    String host = server.getHost();
    return host.contains(":") ? "[" + host + "]" : host;
  }

  /** Whether the server is accepting requests. */
  public boolean isRunning() {
    return server.isRunning();
  }

  /** Stops the server and its context; idempotent. */
  @Override
  public void close() {
    if (context.isRunning()) {
      server.stop();
      context.close();
    }
  }
}
