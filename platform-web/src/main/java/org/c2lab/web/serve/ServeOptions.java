package org.c2lab.web.serve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;

/**
 * How the model server listens.
 *
 * @param host the address to bind, e.g. {@code 127.0.0.1} (loopback only) or {@code 0.0.0.0}
 * @param port the port; 0 picks a free one
 * @param apiKey when present, every request must carry {@code Authorization: Bearer <key>}
 * @param maxConcurrentRequests requests using the model at once; more are answered 503
 */
public record ServeOptions(
    String host, int port, Optional<ApiKey> apiKey, int maxConcurrentRequests) {
  public ServeOptions {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in 0..65535, was " + port);
    }
    Objects.requireNonNull(apiKey, "apiKey");
    if (maxConcurrentRequests < 1) {
      throw new IllegalArgumentException(
          "maxConcurrentRequests must be >= 1, was " + maxConcurrentRequests);
    }
  }

  /** The key clients must present. Never printed: {@link #toString()} masks it. */
  public static final class ApiKey {
    private final byte[] key;

    private ApiKey(String key) {
      this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The key held in environment variable {@code variable}.
     *
     * @throws IllegalArgumentException if the variable is unset or blank (the message names the
     *     variable, never a value)
     */
    public static ApiKey fromEnvironment(String variable, String value) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(
            "environment variable " + variable + " (the server's API key) is not set");
      }
      return new ApiKey(value.strip());
    }

    /** Whether {@code header} is {@code Bearer <key>}; compares in constant time. */
    boolean acceptsAuthorization(String header) {
      if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        return false;
      }
      byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
      return MessageDigest.isEqual(given, key);
    }

    @Override
    public String toString() {
      return "ApiKey[redacted]";
    }
  }
}
