package org.c2lab.eval.generation;

/**
 * A backend failed or broke its contract for a batch. The batch's results are not stored, so a
 * resumed job generates the batch again.
 */
public class GenerationFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public GenerationFailedException(String message) {
    super(message);
  }
}
