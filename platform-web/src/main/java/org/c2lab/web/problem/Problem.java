package org.c2lab.web.problem;

import java.util.Objects;

/**
 * A request the lab server's services refuse, with what kind of refusal it is and, for bad input,
 * the field at fault. Services throw it; the REST layer answers it as {@code {"message", "field"}}
 * with the status of its {@link Kind}, and the dashboard shows its message.
 */
public final class Problem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, each with its HTTP status. */
  public enum Kind {
    /** Bad input, naming the field: 400. */
    INVALID(400),
    /** Not signed in, or a bad token or password: 401. */
    UNAUTHORIZED(401),
    /** Signed in but not allowed: 403. */
    FORBIDDEN(403),
    /** No such thing: 404. */
    NOT_FOUND(404),
    /** Clashes with what exists (a taken name): 409. */
    CONFLICT(409),
    /** A body or upload over the limit: 413. */
    TOO_LARGE(413),
    /** A backend the server depends on failed (a model endpoint): 502. */
    UPSTREAM(502);

    private final int status;

    Kind(int status) {
      this.status = status;
    }

    /** The HTTP status the REST layer answers with. */
    public int status() {
      return status;
    }
  }

  private final Kind kind;
  private final String field;

  private Problem(Kind kind, String field, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.field = field;
  }

  /** Bad input in {@code field} (a request field or parameter name). */
  public static Problem invalid(String field, String message) {
    return new Problem(Kind.INVALID, Objects.requireNonNull(field, "field"), message, null);
  }

  /** Bad input in {@code field}, caused by {@code cause}. */
  public static Problem invalid(String field, String message, Throwable cause) {
    return new Problem(Kind.INVALID, Objects.requireNonNull(field, "field"), message, cause);
  }

  /** Not authenticated. */
  public static Problem unauthorized(String message) {
    return new Problem(Kind.UNAUTHORIZED, null, message, null);
  }

  /** Authenticated but not allowed. */
  public static Problem forbidden(String message) {
    return new Problem(Kind.FORBIDDEN, null, message, null);
  }

  /** No such resource. */
  public static Problem notFound(String message) {
    return new Problem(Kind.NOT_FOUND, null, message, null);
  }

  /** Clashes with an existing resource; {@code field} names the clashing field. */
  public static Problem conflict(String field, String message) {
    return new Problem(Kind.CONFLICT, field, message, null);
  }

  /** Over a size limit; {@code field} names what was too large (e.g. {@code file}). */
  public static Problem tooLarge(String field, String message) {
    return new Problem(Kind.TOO_LARGE, field, message, null);
  }

  /** A backend failed; the message says which and why. */
  public static Problem upstream(String message, Throwable cause) {
    return new Problem(Kind.UPSTREAM, null, message, cause);
  }

  /** What kind of refusal. */
  public Kind kind() {
    return kind;
  }

  /** The field at fault, or null when no single field is. */
  public String field() {
    return field;
  }
}
