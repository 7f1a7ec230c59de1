package org.c2lab.web.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.c2lab.core.provenance.Sha256;
import org.c2lab.train.model.ModelInfo;

/**
 * What the registry records about a local Hugging Face folder: the architecture from {@code
 * config.json}, the parameter count (safetensors headers, without loading weights), the size on
 * disk, and which files are weights or tokenizer files (hashed in the background).
 */
final class ModelFolder {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Weight and tokenizer files: what a checkpoint's identity depends on. */
  private static final Pattern HASHED =
      Pattern.compile(
          ".*\\.(safetensors|bin|pt|pth|gguf)|.*\\.safetensors\\.index\\.json|tokenizer.*\\.json"
              + "|tokenizer\\.model|special_tokens_map\\.json|vocab\\..*|merges\\.txt"
              + "|config\\.json|generation_config\\.json");

  /**
   * The folder's description.
   *
   * @param architecture {@code architectures[0]}, or null
   * @param parameters the parameter count, or null when the checkpoint cannot be read
   * @param sizeBytes bytes of all files in the folder (not recursive)
   * @param hashedFiles the files to hash, by name
   */
  record Description(
      String architecture, Long parameters, long sizeBytes, List<Path> hashedFiles) {}

  private ModelFolder() {}

  /**
   * Describes {@code dir}.
   *
   * @throws IllegalArgumentException when it is not a folder with a config.json
   */
  static Description describe(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("no such folder: " + dir);
    }
    Path config = dir.resolve("config.json");
    if (!Files.isRegularFile(config)) {
      throw new IllegalArgumentException(
          "not a Hugging Face model folder (no config.json): " + dir);
    }
    String architecture = null;
    try {
      JsonNode arch = JSON.readTree(config.toFile()).path("architectures");
      if (arch.isArray() && !arch.isEmpty()) {
        architecture = arch.get(0).asText();
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("config.json is not valid JSON: " + e.getMessage(), e);
    }
    Long parameters;
    try {
      parameters =
          ModelInfo.read(dir, ModelInfo.DEFAULT_CONTEXT, ModelInfo.DEFAULT_BATCH).parameters();
    } catch (IOException | RuntimeException e) {
      parameters = null; // an architecture or layout the runtime does not read: still listable
    }
    long size = 0;
    List<Path> hashed;
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> regular = files.filter(Files::isRegularFile).sorted().toList();
      for (Path f : regular) {
        size += Files.size(f);
      }
      hashed =
          regular.stream()
              .filter(f -> HASHED.matcher(f.getFileName().toString()).matches())
              .toList();
    }
    return new Description(architecture, parameters, size, hashed);
  }

  /** SHA-256 of each file, by file name (slow for large checkpoints: run in the background). */
  static Map<String, String> hash(List<Path> files) throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (Path f : files) {
      out.put(f.getFileName().toString(), Sha256.of(f));
    }
    return out;
  }
}
