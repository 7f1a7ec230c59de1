package org.c2lab.web.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A named preset of {@code train dpo} / {@code train sft} options ({@code configs/*.json}): a flat
 * JSON object whose keys are the commands' long option names without dashes ({@code "beta"}, {@code
 * "lr"}, {@code "lora-rank"}, {@code "full"}). Installed as picocli's default-value provider, so an
 * option given on the command line always beats the preset, and the preset beats the built-in
 * default.
 */
public final class TrainPreset implements IDefaultValueProvider {
  /** The option that names a preset file. */
  public static final String OPTION = "--config";

  // Per-run values and the meta options: a preset holds hyperparameters only.
  private static final Set<String> NOT_PRESETTABLE =
      Set.of(OPTION, "--help", "--version", "--resume", "--json");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> defaults;

  private TrainPreset(Map<String, String> defaults) {
    this.defaults = Map.copyOf(defaults);
  }

  /**
   * Reads {@code file} as a preset for {@code command}, failing with {@code file: field: reason} on
   * a key that is not one of its presettable options or on a value that is not a scalar (or a list
   * of scalars, for list options).
   */
  public static TrainPreset read(Path file, CommandSpec command) {
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": not a JSON object: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(file + ": a preset is a JSON object of option values");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      String field = e.getKey();
      OptionSpec option = command.findOption("--" + field);
      if (option == null || option.required() || NOT_PRESETTABLE.contains("--" + field)) {
        throw new IllegalArgumentException(
            file + ": " + field + ": not a preset option of '" + command.qualifiedName() + "'");
      }
      values.put("--" + field, text(file, field, e.getValue(), option));
    }
    return new TrainPreset(values);
  }

  /**
   * If {@code args} run a {@code train} subcommand with {@link #OPTION}, reads that preset and
   * installs it on the subcommand. Runs before parsing: picocli applies defaults before it reads
   * the command line.
   */
  public static void install(CommandLine root, String[] args) {
    int train = List.of(args).indexOf("train");
    if (train < 0 || train + 1 >= args.length) {
      return;
    }
    CommandLine train0 = root.getSubcommands().get("train");
    CommandLine sub = train0 == null ? null : train0.getSubcommands().get(args[train + 1]);
    if (sub == null) {
      return;
    }
    for (int i = train + 2; i < args.length; i++) {
      String file = null;
      if (args[i].equals(OPTION) && i + 1 < args.length) {
        file = args[i + 1];
      } else if (args[i].startsWith(OPTION + "=")) {
        file = args[i].substring(OPTION.length() + 1);
      }
      if (file != null) {
        sub.setDefaultValueProvider(read(Path.of(file), sub.getCommandSpec()));
        return;
      }
    }
  }

  /** The preset's value of {@code option} as command-line text, or null to keep the built-in. */
  @Override
  public String defaultValue(ArgSpec arg) {
    return arg instanceof OptionSpec o ? defaults.get(o.longestName()) : null;
  }

  /** The options this preset sets (long names with dashes) and their values. */
  public Map<String, String> values() {
    return defaults;
  }

  private static String text(Path file, String field, JsonNode v, OptionSpec option) {
    if (v.isArray() && option.isMultiValue()) {
      List<String> items = new ArrayList<>();
      for (JsonNode item : v) {
        items.add(scalar(file, field, item));
      }
      return String.join(option.splitRegex().isEmpty() ? "," : option.splitRegex(), items);
    }
    return scalar(file, field, v);
  }

  private static String scalar(Path file, String field, JsonNode v) {
    if (!v.isValueNode() || v.isNull()) {
      throw new IllegalArgumentException(
          file
              + ": "
              + field
              + ": expected a number, string or"
              + " boolean, got "
              + v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
    }
    return v.asText();
  }
}
