package org.c2lab.core.store;

/** A run with this id already exists; resume it instead of creating it again. */
public class DuplicateRunException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String runId;

  public DuplicateRunException(String runId) {
    super("a run with id " + runId + " already exists");
    this.runId = runId;
  }

  public String runId() {
    return runId;
  }
}
