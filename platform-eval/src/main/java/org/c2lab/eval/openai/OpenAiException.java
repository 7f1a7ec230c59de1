package org.c2lab.eval.openai;

/**
 * A request to an OpenAI-compatible server failed for good: a client error (4xx other than 429), an
 * unreadable response, or a transient failure that outlasted every retry. The message names the
 * endpoint, the HTTP status, the server's own error message and the attempts made; it never
 * contains the API key.
 */
public class OpenAiException extends RuntimeException {
  /** The status used when no HTTP response arrived (connection error, timeout). */
  public static final int NO_RESPONSE = -1;

  private final int status;
  private final int attempts;

  OpenAiException(String message, int status, int attempts, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.attempts = attempts;
  }

  /** The last HTTP status, or {@link #NO_RESPONSE}. */
  public int status() {
    return status;
  }

  /** How many times the request was sent. */
  public int attempts() {
    return attempts;
  }
}
