package org.c2lab.web.server;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How to start the lab server.
 *
 * @param host the public address to bind, e.g. {@code 0.0.0.0}
 * @param port the public port; 0 picks a free one
 * @param environments Micronaut environments to activate besides {@value LabServer#ENVIRONMENT}
 *     (tests add their own)
 * @param properties Micronaut properties that override the configuration files (e.g. {@code
 *     c2.home})
 */
public record LabServerOptions(
    String host, int port, List<String> environments, Map<String, Object> properties) {
  public LabServerOptions {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host: must not be blank");
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port: must be in [0, 65535], was " + port);
    }
    environments = List.copyOf(environments == null ? List.of() : environments);
    properties = Map.copyOf(properties == null ? Map.of() : properties);
  }

  /** Binding {@code host:port} with the configuration files as they are. */
  public static LabServerOptions of(String host, int port) {
    return new LabServerOptions(host, port, List.of(), Map.of());
  }
}
