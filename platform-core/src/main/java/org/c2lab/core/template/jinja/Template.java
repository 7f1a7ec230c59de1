package org.c2lab.core.template.jinja;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed Jinja2 template, rendered with the semantics Hugging Face chat templates rely on. Parse
 * once, render many times; instances are immutable and thread-safe.
 *
 * <pre>{@code
 * Template t = Template.parse("chat", source, TemplateOptions.huggingFace());
 * String prompt = t.render(Map.of("messages", messages, "add_generation_prompt", true));
 * }</pre>
 *
 * <p>Variables may be strings, numbers, booleans, null, maps, collections, arrays, enums and
 * records (which are seen as dicts of their components). Undefined variables behave like Jinja2's
 * default {@code Undefined}: they render empty and are falsy, and using them any further is an
 * error.
 */
public final class Template {
  private final String name;
  private final String source;
  private final TemplateOptions options;
  private final List<Stmt> body;

  private Template(String name, String source, TemplateOptions options, List<Stmt> body) {
    this.name = name;
    this.source = source;
    this.options = options;
    this.body = body;
  }

  /** Parses {@code source} with Hugging Face's options under the name {@code <template>}. */
  public static Template parse(String source) {
    return parse("<template>", source, TemplateOptions.huggingFace());
  }

  /**
   * Parses a template.
   *
   * @param name shown in error messages
   * @throws TemplateException on a syntax error, with its line and column
   */
  public static Template parse(String name, String source, TemplateOptions options) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(options, "options");
    String normalized = source.replace("\r\n", "\n").replace('\r', '\n');
    if (!options.keepTrailingNewline() && normalized.endsWith("\n")) {
      normalized = normalized.substring(0, normalized.length() - 1);
    }
    List<Token> tokens = Lexer.tokenize(normalized, name, options);
    return new Template(name, source, options, Parser.parse(tokens, name));
  }

  /**
   * Renders with the given variables (which shadow the globals {@code range}, {@code namespace},
   * {@code dict}, {@code raise_exception} and {@code strftime_now}).
   *
   * @throws TemplateException on a runtime error, with the line and column of the expression
   * @throws TemplateRaisedException when the template calls {@code raise_exception}
   */
  public String render(Map<String, ?> variables) {
    Scope globals = new Scope(null);
    Globals.create(options).forEach(globals::set);
    Scope top = globals.child();
    variables.forEach((k, v) -> top.set(k, Values.fromJava(v)));
    return new Interpreter(name).render(body, top);
  }

  /** The name given at parse time. */
  public String name() {
    return name;
  }

  /** The source exactly as given. */
  public String source() {
    return source;
  }

  /** The options the template was parsed with. */
  public TemplateOptions options() {
    return options;
  }
}
