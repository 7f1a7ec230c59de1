package org.c2lab.core.template;

/**
 * A chat template cannot be loaded, or cannot produce the requested kind of prompt (for example a
 * continuation whose prefix the template rewrites). Template syntax and rendering errors are {@link
 * org.c2lab.core.template.jinja.TemplateException}s instead.
 */
public class ChatTemplateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that names the template or file at fault. */
  public ChatTemplateException(String message) {
    super(message);
  }

  /** Creates the exception with its cause. */
  public ChatTemplateException(String message, Throwable cause) {
    super(message, cause);
  }
}
