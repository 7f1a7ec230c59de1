package org.c2lab.web.runs;

/**
 * The principal may not do this to the run: viewers launch, cancel and delete nothing; researchers
 * cancel and delete only their own runs; admins anyone's.
 */
public final class RunPermissionException extends RuntimeException {
  public RunPermissionException(String message) {
    super(message);
  }
}
