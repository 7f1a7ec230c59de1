package org.c2lab.core.template.jinja;

/**
 * A template could not be parsed or rendered. Carries the template name and the 1-based line and
 * column of the construct at fault (0 when unknown), which are also part of {@link #getMessage()}.
 */
public class TemplateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String templateName;
  private final int line;
  private final int column;
  private final String detail;

  /** Creates an exception located at {@code line}:{@code column} of {@code templateName}. */
  public TemplateException(String detail, String templateName, int line, int column) {
    super(format(detail, templateName, line, column));
    this.detail = detail;
    this.templateName = templateName;
    this.line = line;
    this.column = column;
  }

  private static String format(String detail, String name, int line, int column) {
    String where = line > 0 ? ", line " + line + ", column " + column : "";
    return "template '" + name + "'" + where + ": " + detail;
  }

  /** The template's name as given when it was parsed. */
  public String templateName() {
    return templateName;
  }

  /** 1-based line of the failing construct, 0 if unknown. */
  public int line() {
    return line;
  }

  /** 1-based column of the failing construct, 0 if unknown. */
  public int column() {
    return column;
  }

  /** The message without the location prefix. */
  public String detail() {
    return detail;
  }
}
