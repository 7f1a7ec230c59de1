package org.c2lab.eval.openai;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * When and how long to wait before retrying a request that failed with 429, a 5xx status, a
 * connection error or a timeout: exponential backoff with "equal jitter" (half fixed, half random,
 * so that many clients released together do not retry in lockstep), unless the server says when
 * with {@code Retry-After}.
 *
 * @param maxRetries retries after the first attempt, >= 0 (so at most {@code maxRetries + 1}
 *     attempts)
 * @param initialBackoff the base delay before the first retry, > 0
 * @param maxBackoff the largest computed delay, >= initialBackoff
 * @param maxRetryAfter the longest {@code Retry-After} honoured; longer requests are cut to it so a
 *     misconfigured server cannot stall a run for hours
 */
public record RetryPolicy(
    int maxRetries, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

  /** Four retries from 0.5 s up to 30 s; Retry-After honoured up to 2 minutes. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(2));

  /** No retries: every failure surfaces at once. */
  public static final RetryPolicy NONE =
      new RetryPolicy(0, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ZERO);

  public RetryPolicy {
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be >= 0, was " + maxRetries);
    }
    if (initialBackoff.isNegative() || initialBackoff.isZero()) {
      throw new IllegalArgumentException("initialBackoff must be > 0, was " + initialBackoff);
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "maxBackoff " + maxBackoff + " is shorter than initialBackoff " + initialBackoff);
    }
    if (maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException("maxRetryAfter must be >= 0, was " + maxRetryAfter);
    }
  }

  /** The same policy with another retry count. */
  public RetryPolicy withMaxRetries(int retries) {
    return new RetryPolicy(retries, initialBackoff, maxBackoff, maxRetryAfter);
  }

  /**
   * The wait before retry number {@code retry} (1 for the first retry).
   *
   * @param retryAfter the server's {@code Retry-After}, if it sent one
   * @param random a uniform number in [0, 1) for the jitter
   */
  public Duration delayBefore(int retry, Optional<Duration> retryAfter, double random) {
    if (retry < 1) {
      throw new IllegalArgumentException("retries count from 1, got " + retry);
    }
    if (retryAfter.isPresent()) {
      Duration asked = retryAfter.get().isNegative() ? Duration.ZERO : retryAfter.get();
      return asked.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : asked;
    }
    double base = initialBackoff.toNanos() * Math.pow(2, Math.min(retry - 1, 30));
    double capped = Math.min(base, maxBackoff.toNanos());
    return Duration.ofNanos((long) (capped / 2 + capped / 2 * random));
  }
}
