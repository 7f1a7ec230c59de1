package org.c2lab.eval.checkpoint;

import java.nio.file.Path;
import java.util.List;

/**
 * A run cannot be resumed because its output was made with other settings. A bad-input error (the
 * user pointed at the wrong output or changed a flag), hence an {@link IllegalArgumentException}.
 */
public class ResumeMismatchException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient List<String> differences;

  public ResumeMismatchException(Path manifest, List<String> differences) {
    super(
        "cannot resume: "
            + manifest
            + " records a run with other settings ("
            + String.join("; ", differences)
            + "); resume with the original settings or write to a new output");
    this.differences = List.copyOf(differences);
  }

  /** The differing settings, e.g. {@code "seed: 1 before, 2 now"}. */
  public List<String> differences() {
    return differences;
  }
}
