package org.c2lab.eval.openai;

import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * An API key read from an environment variable. Configuration and provenance only ever hold the
 * variable's name; the key itself stays in this object, is sent only as a {@code Bearer}
 * authorization header, and is masked out of every message the client produces ({@link #redact}).
 */
final class ApiKey {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final String MASK = "[redacted]";

  private final String variable;
  private final String key;

  private ApiKey(String variable, String key) {
    this.variable = variable;
    this.key = key;
  }

  /** No key: requests go without an authorization header (typical for a local vLLM). */
  static ApiKey none() {
    return new ApiKey(null, null);
  }

  /**
   * The key in environment variable {@code variable}, looked up through {@code environment}.
   *
   * @throws IllegalArgumentException if the variable is unset or blank
   */
  static ApiKey fromEnvironment(String variable, Function<String, String> environment) {
    requireVariableName(variable);
    String key = environment.apply(variable);
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException(
          "environment variable " + variable + " (the API key) is not set");
    }
    return new ApiKey(variable, key.strip());
  }

  /**
   * Checks that {@code variable} looks like an environment variable name. The message never repeats
   * the value: a user who pasted the key itself must not see it echoed into logs.
   */
  static void requireVariableName(String variable) {
    if (variable == null || !NAME.matcher(variable).matches()) {
      throw new IllegalArgumentException(
          "apiKeyEnv must be the NAME of an environment variable (letters, digits, '_'),"
              + " not the key itself");
    }
  }

  /** The value of the {@code Authorization} header, if there is a key. */
  Optional<String> authorization() {
    return key == null ? Optional.empty() : Optional.of("Bearer " + key);
  }

  /** {@code text} with every occurrence of the key masked. */
  String redact(String text) {
    return key == null || text == null ? text : text.replace(key, MASK);
  }

  @Override
  public String toString() {
    return key == null ? "no API key" : "API key from $" + variable + " " + MASK;
  }
}
