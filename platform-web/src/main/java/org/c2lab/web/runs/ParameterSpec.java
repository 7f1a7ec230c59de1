package org.c2lab.web.runs;

import java.util.List;
import java.util.Objects;

/**
 * One parameter of a run kind, as validation, the dashboard's run forms and the REST API's {@code
 * /api/run-kinds} describe it. The name is the command's long option without dashes.
 *
 * @param name option name, e.g. {@code beta}
 * @param type how the value is read and which form field shows it
 * @param required whether a run needs it
 * @param defaultValue the command's default as text, or empty
 * @param help one sentence for the form and the API
 * @param choices allowed values for {@link Type#CHOICE}, else empty
 */
public record ParameterSpec(
    String name,
    Type type,
    boolean required,
    String defaultValue,
    String help,
    List<String> choices) {

  /** Value types. */
  public enum Type {
    TEXT,
    INTEGER,
    DECIMAL,
    FLAG,
    CHOICE,
    /** A model: a registered model's folder or {@code PRESET@URL}. */
    MODEL,
    /** A dataset file: a registered dataset's path. */
    DATASET,
    /** Another file or folder on the server. */
    PATH
  }

  public ParameterSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    defaultValue = defaultValue == null ? "" : defaultValue;
    help = help == null ? "" : help;
    choices = List.copyOf(choices == null ? List.of() : choices);
  }
}
