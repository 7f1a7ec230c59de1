package org.c2lab.core.template.jinja;

/**
 * An error raised by value-level code (filters, methods, operators) that does not know where in the
 * template it runs; the interpreter turns it into a {@link TemplateException} with the position of
 * the innermost expression being evaluated.
 */
final class JinjaError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** True when the template called {@code raise_exception}. */
  final boolean raisedByTemplate;

  JinjaError(String message) {
    this(message, false);
  }

  JinjaError(String message, boolean raisedByTemplate) {
    super(message, null, false, false);
    this.raisedByTemplate = raisedByTemplate;
  }
}
