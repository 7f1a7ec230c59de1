package org.c2lab.train.safetensors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The weights of a Hugging Face model folder: {@code model.safetensors}, or the shards listed in
 * {@code model.safetensors.index.json} ({@code {"metadata": {...}, "weight_map": {tensor: file}}}).
 * Every shard is opened and validated up front, and every tensor the index lists must be in its
 * shard.
 */
public final class SafetensorsCheckpoint implements TensorSource {
  /** The single-file weights name. */
  public static final String SINGLE_FILE = "model.safetensors";

  /** The shard index name. */
  public static final String INDEX_FILE = "model.safetensors.index.json";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private final Path location;
  private final List<SafetensorsFile> files;
  private final SortedMap<String, SafetensorsFile> byTensor;

  private SafetensorsCheckpoint(
      Path location, List<SafetensorsFile> files, SortedMap<String, SafetensorsFile> byTensor) {
    this.location = location;
    this.files = List.copyOf(files);
    this.byTensor = Collections.unmodifiableSortedMap(byTensor);
  }

  /** Opens the weights of {@code dir}, preferring the index when both forms are present. */
  public static SafetensorsCheckpoint open(Path dir) throws IOException {
    Path index = dir.resolve(INDEX_FILE);
    if (Files.exists(index)) {
      return openIndex(index);
    }
    Path single = dir.resolve(SINGLE_FILE);
    if (Files.exists(single)) {
      SafetensorsFile file = SafetensorsFile.open(single);
      SortedMap<String, SafetensorsFile> byTensor = new TreeMap<>();
      file.names().forEach(n -> byTensor.put(n, file));
      return new SafetensorsCheckpoint(single, List.of(file), byTensor);
    }
    throw new SafetensorsException(dir, "holds neither " + SINGLE_FILE + " nor " + INDEX_FILE);
  }

  private static SafetensorsCheckpoint openIndex(Path index) throws IOException {
    Map<String, String> weightMap = readWeightMap(index);
    Map<String, SafetensorsFile> shards = new LinkedHashMap<>();
    SortedMap<String, SafetensorsFile> byTensor = new TreeMap<>();
    try {
      for (Map.Entry<String, String> e : weightMap.entrySet()) {
        SafetensorsFile shard = shards.get(e.getValue());
        if (shard == null) {
          // Shards are plain file names beside the index; anything else could leave the folder.
          if (e.getValue().contains("/")
              || e.getValue().contains("\\")
              || e.getValue().startsWith(".")) {
            throw new SafetensorsException(
                index, e.getKey(), "shard '" + e.getValue() + "' is not a file name in the folder");
          }
          Path shardPath = index.resolveSibling(e.getValue());
          if (!Files.exists(shardPath)) {
            throw new SafetensorsException(
                index, e.getKey(), "shard '" + e.getValue() + "' does not exist");
          }
          shard = SafetensorsFile.open(shardPath);
          shards.put(e.getValue(), shard);
        }
        if (!shard.contains(e.getKey())) {
          throw new SafetensorsException(
              shard.path(), e.getKey(), "listed in " + INDEX_FILE + " but absent from this shard");
        }
        byTensor.put(e.getKey(), shard);
      }
    } catch (IOException | RuntimeException e) {
      for (SafetensorsFile f : shards.values()) {
        f.close();
      }
      throw e;
    }
    return new SafetensorsCheckpoint(index, new ArrayList<>(shards.values()), byTensor);
  }

  private static Map<String, String> readWeightMap(Path index) throws IOException {
    JsonNode root;
    try {
      root = JSON.readTree(index.toFile());
    } catch (IOException e) {
      throw new SafetensorsException(index, "not valid JSON: " + e.getMessage());
    }
    JsonNode map = root == null ? null : root.get("weight_map");
    if (map == null || !map.isObject() || map.isEmpty()) {
      throw new SafetensorsException(index, "missing or empty weight_map");
    }
    Map<String, String> out = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw new SafetensorsException(index, e.getKey(), "weight_map value is not a file name");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  /**
   * Writes {@code model.safetensors.index.json} into {@code dir} for shards already written there.
   *
   * @param weightMap tensor name to shard file name
   * @param totalSize the summed byte size of all tensors (HF's {@code metadata.total_size})
   */
  public static Path writeIndex(Path dir, Map<String, String> weightMap, long totalSize)
      throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.putObject("metadata").put("total_size", totalSize);
    ObjectNode map = root.putObject("weight_map");
    new TreeMap<>(weightMap).forEach(map::put);
    Path index = dir.resolve(INDEX_FILE);
    JSON.writeValue(index.toFile(), root);
    return index;
  }

  /** The opened files (one, or the shards in index order). */
  public List<SafetensorsFile> files() {
    return files;
  }

  @Override
  public SortedSet<String> names() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(byTensor.keySet()));
  }

  @Override
  public TensorInfo info(String name) {
    return file(name).info(name);
  }

  @Override
  public Path location() {
    return location;
  }

  @Override
  public Path fileOf(String name) {
    return file(name).path();
  }

  @Override
  public ByteBuffer slice(String name) throws IOException {
    return file(name).slice(name);
  }

  private SafetensorsFile file(String name) {
    SafetensorsFile f = byTensor.get(name);
    if (f == null) {
      throw new IllegalArgumentException("checkpoint has no tensor '" + name + "'");
    }
    return f;
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (SafetensorsFile f : files) {
      try {
        f.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
