package org.c2lab.core.template.jinja;

/**
 * The template itself called {@code raise_exception(message)}, as Hugging Face chat templates do to
 * reject a conversation (e.g. roles that do not alternate). {@link #detail()} is the template's own
 * message.
 */
public final class TemplateRaisedException extends TemplateException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for a {@code raise_exception} call at the given location. */
  public TemplateRaisedException(String message, String templateName, int line, int column) {
    super(message, templateName, line, column);
  }
}
