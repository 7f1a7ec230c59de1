package org.c2lab.train.safetensors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The validated header of a safetensors file: 8 bytes little-endian header length N, N bytes of
 * JSON, then the data section. Parsing checks what the reference implementation checks, so a file
 * accepted here is accepted by {@code safetensors} and vice versa: sane N, JSON object starting with
 * {@code '{'}, known dtypes, {@code data_offsets} matching dtype size times shape, offsets within
 * the data section, no overlaps and no holes, and no bytes after the last tensor.
 *
 * @param tensors the tensors by name
 * @param metadata the {@code __metadata__} string map (empty when absent)
 * @param dataStart absolute file offset of the data section ({@code 8 + N})
 */
public record SafetensorsHeader(
    SortedMap<String, TensorInfo> tensors, Map<String, String> metadata, long dataStart) {

  /** The safetensors limit on the header size (100 MB). */
  public static final long MAX_HEADER_BYTES = 100_000_000L;

  static final String METADATA_KEY = "__metadata__";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  public SafetensorsHeader {
    tensors = Collections.unmodifiableSortedMap(new TreeMap<>(tensors));
    metadata = Map.copyOf(metadata);
  }

  /** Reads and validates the header of {@code file} through its open channel. */
  public static SafetensorsHeader read(Path file, FileChannel channel) throws IOException {
    long fileSize = channel.size();
    if (fileSize < 8) {
      throw new SafetensorsException(
          file, "truncated: " + fileSize + " bytes, shorter than the 8-byte header length");
    }
    ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    readFully(channel, lengthBytes, 0);
    long n = lengthBytes.getLong(0);
    if (n <= 0 || n > MAX_HEADER_BYTES) {
      throw new SafetensorsException(
          file, "header length " + Long.toUnsignedString(n) + " is not in 1.." + MAX_HEADER_BYTES);
    }
    if (8 + n > fileSize) {
      throw new SafetensorsException(
          file,
          "truncated: header length "
              + n
              + " needs "
              + (8 + n)
              + " bytes but the file has "
              + fileSize);
    }
    ByteBuffer headerBytes = ByteBuffer.allocate((int) n);
    readFully(channel, headerBytes, 8);
    String text = new String(headerBytes.array(), StandardCharsets.UTF_8);
    return parse(file, text, 8 + n, fileSize - 8 - n);
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long position)
      throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, at);
      if (read < 0) {
        throw new IOException("unexpected end of file");
      }
      at += read;
    }
  }

  /** Parses the header JSON {@code text}; {@code dataBytes} is the size of the data section. */
  static SafetensorsHeader parse(Path file, String text, long dataStart, long dataBytes)
      throws SafetensorsException {
    if (!text.startsWith("{")) {
      throw new SafetensorsException(file, "header does not start with '{'");
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new SafetensorsException(file, "header is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new SafetensorsException(file, "header is not a JSON object");
    }
    Map<String, String> metadata = new TreeMap<>();
    SortedMap<String, TensorInfo> tensors = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals(METADATA_KEY)) {
        metadata.putAll(metadata(file, e.getValue()));
      } else {
        tensors.put(e.getKey(), tensor(file, e.getKey(), e.getValue()));
      }
    }
    checkLayout(file, tensors.values(), dataBytes);
    return new SafetensorsHeader(tensors, metadata, dataStart);
  }

  private static Map<String, String> metadata(Path file, JsonNode node)
      throws SafetensorsException {
    if (!node.isObject()) {
      throw new SafetensorsException(file, METADATA_KEY + " is not an object of strings");
    }
    Map<String, String> out = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw new SafetensorsException(
            file, METADATA_KEY + "." + e.getKey() + " is not a string: " + e.getValue());
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  private static TensorInfo tensor(Path file, String name, JsonNode node)
      throws SafetensorsException {
    if (!node.isObject()) {
      throw new SafetensorsException(file, name, "entry is not an object: " + node);
    }
    JsonNode dtypeNode = node.get("dtype");
    if (dtypeNode == null || !dtypeNode.isTextual()) {
      throw new SafetensorsException(file, name, "missing or non-string dtype");
    }
    DType dtype =
        DType.fromHeader(dtypeNode.asText())
            .orElseThrow(
                () ->
                    new SafetensorsException(
                        file, name, "unknown dtype '" + dtypeNode.asText() + "'"));
    List<Long> shape = new ArrayList<>();
    JsonNode shapeNode = node.get("shape");
    if (shapeNode == null || !shapeNode.isArray()) {
      throw new SafetensorsException(file, name, "missing or non-array shape");
    }
    for (JsonNode d : shapeNode) {
      if (!d.canConvertToLong() || !d.isIntegralNumber() || d.asLong() < 0) {
        throw new SafetensorsException(file, name, "shape " + shapeNode + " has a bad dimension");
      }
      shape.add(d.asLong());
    }
    JsonNode offsets = node.get("data_offsets");
    if (offsets == null
        || !offsets.isArray()
        || offsets.size() != 2
        || !offsets.get(0).isIntegralNumber()
        || !offsets.get(1).isIntegralNumber()
        || !offsets.get(0).canConvertToLong()
        || !offsets.get(1).canConvertToLong()) {
      throw new SafetensorsException(file, name, "data_offsets must be [begin, end]");
    }
    long begin = offsets.get(0).asLong();
    long end = offsets.get(1).asLong();
    if (begin < 0 || end < begin) {
      throw new SafetensorsException(
          file, name, "data_offsets [" + begin + ", " + end + "] are not 0 <= begin <= end");
    }
    TensorInfo info = new TensorInfo(name, dtype, shape, begin, end);
    long needed;
    try {
      needed = Math.multiplyExact(info.elementCount(), dtype.byteSize());
    } catch (ArithmeticException e) {
      throw new SafetensorsException(file, name, "shape " + shape + " overflows");
    }
    if (needed != info.byteSize()) {
      throw new SafetensorsException(
          file,
          name,
          "data_offsets ["
              + begin
              + ", "
              + end
              + "] hold "
              + info.byteSize()
              + " bytes but "
              + dtype
              + " "
              + shape
              + " needs "
              + needed);
    }
    return info;
  }

  private static void checkLayout(Path file, Iterable<TensorInfo> tensors, long dataBytes)
      throws SafetensorsException {
    List<TensorInfo> byOffset = new ArrayList<>();
    tensors.forEach(byOffset::add);
    byOffset.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
    long expected = 0;
    TensorInfo previous = null;
    for (TensorInfo t : byOffset) {
      if (t.end() > dataBytes) {
        throw new SafetensorsException(
            file,
            t.name(),
            "truncated: data ends at byte "
                + t.end()
                + " of the data section, which has only "
                + dataBytes
                + " bytes");
      }
      if (t.begin() < expected) {
        throw new SafetensorsException(
            file, t.name(), "data overlaps tensor '" + previous.name() + "'");
      }
      if (t.begin() > expected) {
        throw new SafetensorsException(
            file,
            t.name(),
            "hole in the data section: bytes " + expected + ".." + t.begin() + " belong to none");
      }
      expected = t.end();
      previous = t;
    }
    if (expected != dataBytes) {
      throw new SafetensorsException(
          file,
          "data section has "
              + dataBytes
              + " bytes but the tensors cover "
              + expected
              + " (trailing bytes or a wrong header)");
    }
  }
}
