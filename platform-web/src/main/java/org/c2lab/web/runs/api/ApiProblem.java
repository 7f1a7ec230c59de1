package org.c2lab.web.runs.api;

/**
 * An API error with its HTTP status, written as {@code {"message": ..., "field": ...}}.
 *
 * <p>{@code field} names the request parameter at fault, or is null.
 */
public final class ApiProblem extends RuntimeException {
  private final int status;
  private final String field;

  public ApiProblem(int status, String message, String field) {
    super(message);
    this.status = status;
    this.field = field;
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The parameter at fault, or null. */
  public String field() {
    return field;
  }
}
