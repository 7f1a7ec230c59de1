package org.c2lab.eval.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The settings a run's results depend on (data hash, seeds, sample counts, decoding, template,
 * model and judge ids), written beside the output when a run starts and compared when it resumes:
 * appending samples made under other settings would silently mix two experiments. Settings that
 * only change speed (batch sizes) are left out, so they may change between attempts.
 *
 * @param kind the job kind, e.g. {@code c2-eval}
 * @param settings a JSON object of the settings, compared field by field
 */
public record RunManifest(String kind, ObjectNode settings) {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final int SHOWN_CHARS = 80;

  public RunManifest {
    Objects.requireNonNull(kind, "kind");
    if (kind.isBlank()) {
      throw new IllegalArgumentException("kind must not be blank");
    }
    settings = canonical(Objects.requireNonNull(settings, "settings"));
  }

  /**
   * The settings as they read back from JSON text, so that a fresh manifest and a stored one
   * compare equal (a long 7 and an int 7 are different nodes, the same text).
   */
  private static ObjectNode canonical(ObjectNode settings) {
    try {
      return (ObjectNode) JSON.readTree(JSON.writeValueAsString(settings));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot round-trip a JSON tree", e);
    }
  }

  @Override
  public ObjectNode settings() {
    return settings.deepCopy();
  }

  /** The manifest stored in {@code file}, if the file exists. */
  public static Optional<RunManifest> read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      throw new IOException(file + ": not a run manifest: " + e.getOriginalMessage(), e);
    }
    if (root == null
        || !root.path("kind").isTextual()
        || !(root.get("settings") instanceof ObjectNode settings)) {
      throw new IOException(file + ": not a run manifest (needs 'kind' and 'settings')");
    }
    return Optional.of(new RunManifest(root.get("kind").asText(), settings));
  }

  /**
   * Writes this manifest to {@code file} when there is none (a new run); otherwise checks that the
   * stored one has the same settings (a resumed run).
   *
   * @throws ResumeMismatchException listing every differing setting
   */
  public void writeOrVerify(Path file) throws IOException {
    Optional<RunManifest> stored = read(file);
    if (stored.isEmpty()) {
      AtomicFile.write(file, toJson());
      return;
    }
    List<String> differences = differencesFrom(stored.get());
    if (!differences.isEmpty()) {
      throw new ResumeMismatchException(file, differences);
    }
  }

  /**
   * How {@code stored} differs from this manifest, one entry per setting: {@code "seed: 1 before, 2
   * now"}; empty when they agree.
   */
  public List<String> differencesFrom(RunManifest stored) {
    List<String> out = new ArrayList<>();
    if (!kind.equals(stored.kind)) {
      out.add("kind: " + stored.kind + " before, " + kind + " now");
    }
    Set<String> fields = new LinkedHashSet<>();
    stored.settings.fieldNames().forEachRemaining(fields::add);
    for (Iterator<String> it = settings.fieldNames(); it.hasNext(); ) {
      fields.add(it.next());
    }
    for (String field : fields) {
      JsonNode before = stored.settings.get(field);
      JsonNode now = settings.get(field);
      if (!Objects.equals(before, now)) {
        out.add(field + ": " + shown(before) + " before, " + shown(now) + " now");
      }
    }
    return out;
  }

  /** Pretty-printed JSON: {@code {"kind": ..., "settings": {...}}}. */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("kind", kind);
    root.set("settings", settings);
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree", e);
    }
  }

  private static String shown(JsonNode value) {
    if (value == null) {
      return "(absent)";
    }
    String text = value.toString();
    return text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS) + "...";
  }
}
