package org.c2lab.train.model;

import java.util.Objects;

/**
 * A model configuration that cannot be used. The message is {@code FILE: field: problem} (or {@code
 * field: problem} before the file is known), e.g. {@code config.json: num_attention_heads: 7 does
 * not divide hidden_size 64}.
 */
public final class ConfigException extends IllegalArgumentException {
  private final String file;
  private final String field;
  private final String problem;

  /** A problem with {@code field} of a configuration not (yet) tied to a file. */
  public ConfigException(String field, String problem) {
    this(null, field, problem);
  }

  /** A problem with {@code field} of {@code file} (a file name, without folders). */
  public ConfigException(String file, String field, String problem) {
    super((file == null ? "" : file + ": ") + field + ": " + problem);
    this.file = file;
    this.field = Objects.requireNonNull(field, "field");
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  /** The same problem, attributed to {@code fileName}. */
  public ConfigException inFile(String fileName) {
    return new ConfigException(fileName, field, problem);
  }

  /** The file name, or null when not known. */
  public String file() {
    return file;
  }

  /** The JSON field at fault, e.g. {@code rope_scaling.factor}. */
  public String field() {
    return field;
  }

  /** What is wrong with it. */
  public String problem() {
    return problem;
  }
}
