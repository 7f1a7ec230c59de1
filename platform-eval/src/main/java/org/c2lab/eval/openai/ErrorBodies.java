package org.c2lab.eval.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads what servers say when they fail: error messages in their dialects, and Retry-After. */
final class ErrorBodies {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int EXCERPT_CHARS = 300;

  private ErrorBodies() {}

  /**
   * The server's error message: OpenAI's {@code {"error": {"message": ...}}}, vLLM's {@code
   * {"message": ...}}, TGI's {@code {"error": "..."}}, FastAPI's {@code {"detail": ...}}, or else
   * an excerpt of the raw body.
   */
  static String message(String body) {
    if (body == null || body.isBlank()) {
      return "(empty body)";
    }
    try {
      JsonNode root = JSON.readTree(body);
      if (root != null && root.isObject()) {
        JsonNode error = root.get("error");
        if (error != null && error.isObject() && error.path("message").isTextual()) {
          return error.get("message").asText();
        }
        if (error != null && error.isTextual()) {
          return error.asText();
        }
        if (root.path("message").isTextual()) {
          return root.get("message").asText();
        }
        if (root.has("detail")) {
          JsonNode detail = root.get("detail");
          return detail.isTextual() ? detail.asText() : excerpt(detail.toString());
        }
      }
    } catch (IOException e) {
      // not JSON: an HTML error page from a proxy, say; fall through to an excerpt
    }
    return excerpt(body);
  }

  /** The first few hundred characters of {@code body}, whitespace collapsed. */
  static String excerpt(String body) {
    String flat = body == null ? "" : body.strip().replaceAll("\\s+", " ");
    return flat.length() <= EXCERPT_CHARS ? flat : flat.substring(0, EXCERPT_CHARS) + "...";
  }

  /** {@code Retry-After} as delay-seconds or an HTTP date; empty when absent or unreadable. */
  static Optional<Duration> retryAfter(HttpHeaders headers) {
    return headers.firstValue("Retry-After").flatMap(ErrorBodies::parseRetryAfter);
  }

  static Optional<Duration> parseRetryAfter(String value) {
    String v = value.strip();
    try {
      double seconds = Double.parseDouble(v);
      if (Double.isFinite(seconds) && seconds >= 0) {
        return Optional.of(Duration.ofMillis((long) (seconds * 1000)));
      }
      return Optional.empty();
    } catch (NumberFormatException e) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(Instant.now(), at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException e2) {
        return Optional.empty();
      }
    }
  }
}
