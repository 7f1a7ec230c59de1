package org.c2lab.eval.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private static final RetryPolicy P =
      new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(30));

  @Test
  void backoffDoublesWithJitterUpToTheCap() {
    assertEquals(Duration.ofMillis(50), P.delayBefore(1, Optional.empty(), 0.0));
    assertEquals(Duration.ofMillis(100), P.delayBefore(1, Optional.empty(), 1.0));
    assertEquals(Duration.ofMillis(100), P.delayBefore(2, Optional.empty(), 0.0));
    assertEquals(Duration.ofMillis(200), P.delayBefore(3, Optional.empty(), 0.0));
    assertEquals(Duration.ofMillis(500), P.delayBefore(10, Optional.empty(), 0.0));
    assertEquals(Duration.ofSeconds(1), P.delayBefore(60, Optional.empty(), 1.0));
  }

  @Test
  void retryAfterWinsUpToItsCap() {
    assertEquals(Duration.ofSeconds(7), P.delayBefore(1, Optional.of(Duration.ofSeconds(7)), 0.5));
    assertEquals(Duration.ofSeconds(30), P.delayBefore(1, Optional.of(Duration.ofHours(1)), 0.5));
  }

  @Test
  void invalidPoliciesAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new RetryPolicy(-1, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO));
  }

  @Test
  void retryAfterIsReadAsSecondsOrAnHttpDate() {
    assertEquals(Optional.of(Duration.ofSeconds(3)), ErrorBodies.parseRetryAfter("3"));
    assertEquals(Optional.empty(), ErrorBodies.parseRetryAfter("soon"));
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(20));
    Duration d =
        ErrorBodies.retryAfter(HttpHeaders.of(Map.of("Retry-After", List.of(date)), (a, b) -> true))
            .orElseThrow();
    assertTrue(
        d.compareTo(Duration.ofSeconds(15)) > 0 && d.compareTo(Duration.ofSeconds(21)) < 0,
        d.toString());
  }

  @Test
  void errorMessagesAreReadInEveryDialect() {
    assertEquals("bad", ErrorBodies.message("{\"error\":{\"message\":\"bad\",\"type\":\"x\"}}"));
    assertEquals("bad", ErrorBodies.message("{\"object\":\"error\",\"message\":\"bad\"}"));
    assertEquals("bad", ErrorBodies.message("{\"error\":\"bad\",\"error_type\":\"validation\"}"));
    assertEquals("bad", ErrorBodies.message("{\"detail\":\"bad\"}"));
    assertEquals("<h1>Bad Gateway</h1>", ErrorBodies.message("<h1>Bad   Gateway</h1>\n"));
    assertEquals("(empty body)", ErrorBodies.message(""));
    assertTrue(ErrorBodies.message("x".repeat(1000)).length() < 400);
  }
}
