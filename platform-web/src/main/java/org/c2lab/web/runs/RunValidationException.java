package org.c2lab.web.runs;

/** A run request that cannot be queued; {@link #field()} names the offending parameter. */
public final class RunValidationException extends IllegalArgumentException {
  private final String field;

  public RunValidationException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  /** The request parameter at fault, e.g. {@code beta}. */
  public String field() {
    return field;
  }
}
