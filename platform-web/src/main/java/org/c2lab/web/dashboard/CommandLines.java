package org.c2lab.web.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.c2lab.web.runs.ParameterSpec;
import org.c2lab.web.runs.RunKind;

/** The {@code ./c2 ...} command line equivalent to a run form's values. */
final class CommandLines {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private CommandLines() {}

  /**
   * {@code ./c2 train dpo --model M --beta 0.1 --full}: the kind's command, then each value in the
   * order given; a flag appears only when {@code true}; values are quoted for a POSIX shell.
   */
  static String of(
      RunKind kind, Map<String, String> values, Map<String, ParameterSpec.Type> types) {
    List<String> words = new ArrayList<>();
    words.add("./c2");
    words.addAll(kind.command());
    values.forEach(
        (name, value) -> {
          if (types.get(name) == ParameterSpec.Type.FLAG) {
            if (Boolean.parseBoolean(value)) {
              words.add("--" + name);
            }
          } else {
            words.add("--" + name);
            words.add(quote(value));
          }
        });
    return String.join(" ", words);
  }

  /** {@code value} as one POSIX shell word. */
  static String quote(String value) {
    if (!value.isEmpty() && PLAIN.matcher(value).matches()) {
      return value;
    }
    return "'" + value.replace("'", "'\"'\"'") + "'";
  }
}
