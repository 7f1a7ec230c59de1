package org.c2lab.core.store;

/** A run id that the store does not know. */
public class NoSuchRunException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String runId;

  public NoSuchRunException(String runId) {
    super("no run with id " + runId);
    this.runId = runId;
  }

  public String runId() {
    return runId;
  }
}
