package org.c2lab.web.runs;

/** The run is not in a state that allows the action (e.g. deleting a running run). */
public final class RunStateException extends RuntimeException {
  public RunStateException(String message) {
    super(message);
  }
}
