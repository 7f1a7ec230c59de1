package org.c2lab.core.data;

import java.util.Objects;

/**
 * A line of a data file that cannot be read. The message is always {@code file:line: field:
 * problem}, e.g. {@code data.jsonl:17: is_response_0_safe: expected boolean, got "yes"}, so a user
 * can jump to the spot. {@code file} is the file name without folders; {@code field} is a JSON
 * field name, or {@value #JSON} when the line is not a JSON object at all.
 *
 * <p>Unchecked because it surfaces from {@link java.util.Iterator#next()} and streams.
 */
public final class MalformedDataException extends RuntimeException {
  /** The field name used when the line itself is not valid JSON or not a JSON object. */
  public static final String JSON = "<json>";

  private final String file;
  private final long line;
  private final String field;
  private final String problem;

  public MalformedDataException(
      String file, long line, String field, String problem, Throwable cause) {
    super(file + ":" + line + ": " + field + ": " + problem, cause);
    this.file = Objects.requireNonNull(file, "file");
    this.line = line;
    this.field = Objects.requireNonNull(field, "field");
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  /** The file name (no folders). */
  public String file() {
    return file;
  }

  /** The 1-based line number. */
  public long line() {
    return line;
  }

  /** The offending JSON field, or {@value #JSON}. */
  public String field() {
    return field;
  }

  /** What is wrong, e.g. {@code missing} or {@code expected boolean, got "yes"}. */
  public String problem() {
    return problem;
  }
}
