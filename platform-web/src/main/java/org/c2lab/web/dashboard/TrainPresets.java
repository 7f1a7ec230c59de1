package org.c2lab.web.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.c2lab.web.runs.RunKind;

/**
 * The named training presets of the New run form: {@code configs/*.json} (the files {@code ./c2
 * train dpo|sft --config FILE} reads), a flat JSON object of option names without dashes. A file
 * named {@code dpo-*.json} is a preset for DPO, {@code sft-*.json} for SFT. The folder is the
 * property {@code c2.configs} ({@code $C2_CONFIGS}; {@code ./c2} sets it to the repository's {@code
 * configs/}).
 */
@Singleton
public class TrainPresets {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path folder;

  /** Presets in {@code folder}. */
  public TrainPresets(@Value("${c2.configs:configs}") Path folder) {
    this.folder = folder;
  }

  /** The preset names for {@code kind}, e.g. {@code dpo-lora}, sorted; empty for other kinds. */
  public List<String> names(RunKind kind) {
    String prefix = prefix(kind);
    if (prefix == null || !Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(prefix) && n.endsWith(".json"))
          .map(n -> n.substring(0, n.length() - ".json".length()))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("listing presets in " + folder, e);
    }
  }

  /**
   * The option values of preset {@code name}, in file order, as text ({@code true} for flags).
   *
   * @throws IllegalArgumentException naming the file when it is not a flat JSON object
   */
  public Map<String, String> values(String name) {
    Path file = folder.resolve(name + ".json");
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(file + ": a preset is a JSON object");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isContainerNode()) {
        throw new IllegalArgumentException(file + ": " + e.getKey() + ": must be a plain value");
      }
      values.put(e.getKey(), e.getValue().asText());
    }
    return values;
  }

  private static String prefix(RunKind kind) {
    return switch (kind) {
      case DPO, SFT -> kind.id().toLowerCase(Locale.ROOT) + "-";
      default -> null;
    };
  }
}
