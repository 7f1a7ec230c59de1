package org.c2lab.train.safetensors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes a safetensors file as the specification and the reference implementation lay it out:
 * {@code __metadata__} first, tensors sorted by name with their data in the same order and no gaps,
 * the JSON header padded with spaces so that the data section starts on an 8-byte boundary. The
 * file is written beside its target and moved into place, so a reader never sees half a file.
 *
 * <pre>{@code
 * SafetensorsWriter.builder()
 *     .metadata("format", "pt")
 *     .addFloats("w", DType.F16, new long[] {2, 3}, values)
 *     .write(dir.resolve("model.safetensors"));
 * }</pre>
 */
public final class SafetensorsWriter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SafetensorsWriter() {}

  /** Streams a tensor's little-endian bytes; the writer checks the count against dtype x shape. */
  @FunctionalInterface
  public interface TensorData {
    /** Writes all bytes of the tensor to {@code out}. */
    void writeTo(WritableByteChannel out) throws IOException;
  }

  /** A new, empty file description. */
  public static Builder builder() {
    return new Builder();
  }

  private record Entry(DType dtype, long[] shape, long byteSize, TensorData data) {}

  /** Collects metadata and tensors, then {@link #write(Path)}s them. */
  public static final class Builder {
    private final SortedMap<String, String> metadata = new TreeMap<>();
    private final SortedMap<String, Entry> tensors = new TreeMap<>();

    private Builder() {}

    /** Adds a {@code __metadata__} entry (HF uses {@code "format": "pt"}). */
    public Builder metadata(String key, String value) {
      metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Adds all entries as {@code __metadata__}. */
    public Builder metadata(Map<String, String> entries) {
      entries.forEach(this::metadata);
      return this;
    }

    /** Adds a tensor whose bytes {@code data} streams when the file is written. */
    public Builder add(String name, DType dtype, long[] shape, TensorData data) {
      Objects.requireNonNull(name, "name");
      if (name.equals(SafetensorsHeader.METADATA_KEY)) {
        throw new IllegalArgumentException(name + " is reserved for metadata");
      }
      if (tensors.containsKey(name)) {
        throw new IllegalArgumentException("tensor '" + name + "' added twice");
      }
      long count = 1;
      for (long d : shape) {
        if (d < 0) {
          throw new IllegalArgumentException(
              name + ": negative dimension in " + Arrays.toString(shape));
        }
        count = Math.multiplyExact(count, d);
      }
      long bytes = Math.multiplyExact(count, dtype.byteSize());
      tensors.put(name, new Entry(dtype, shape.clone(), bytes, Objects.requireNonNull(data)));
      return this;
    }

    /** Adds a tensor from little-endian bytes (read from the buffer's position to its limit). */
    public Builder add(String name, DType dtype, long[] shape, ByteBuffer bytes) {
      ByteBuffer copy = bytes.duplicate();
      return add(
          name,
          dtype,
          shape,
          out -> {
            ByteBuffer b = copy.duplicate();
            while (b.hasRemaining()) {
              out.write(b);
            }
          });
    }

    /** Adds F32 values stored as {@code dtype} (F32, F16 or BF16; narrowing rounds to even). */
    public Builder addFloats(String name, DType dtype, long[] shape, float[] values) {
      return add(name, dtype, shape, HalfFloats.encode(dtype, values));
    }

    /** Writes the file (atomically replacing {@code file}) and returns it. */
    public Path write(Path file) throws IOException {
      ObjectNode header = JSON.createObjectNode();
      if (!metadata.isEmpty()) {
        ObjectNode m = header.putObject(SafetensorsHeader.METADATA_KEY);
        metadata.forEach(m::put);
      }
      long offset = 0;
      for (Map.Entry<String, Entry> e : tensors.entrySet()) {
        ObjectNode t = header.putObject(e.getKey());
        t.put("dtype", e.getValue().dtype().name());
        ArrayNode shape = t.putArray("shape");
        Arrays.stream(e.getValue().shape()).forEach(shape::add);
        t.putArray("data_offsets").add(offset).add(offset + e.getValue().byteSize());
        offset += e.getValue().byteSize();
      }
      byte[] json = JSON.writeValueAsBytes(header);
      int padded = (json.length + 7) / 8 * 8;
      ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
      head.putLong(padded).put(json);
      while (head.hasRemaining()) {
        head.put((byte) ' ');
      }
      head.flip();

      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (FileChannel out =
          FileChannel.open(
              tmp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        while (head.hasRemaining()) {
          out.write(head);
        }
        for (Map.Entry<String, Entry> e : tensors.entrySet()) {
          long before = out.position();
          e.getValue().data().writeTo(out);
          long written = out.position() - before;
          if (written != e.getValue().byteSize()) {
            throw new IllegalArgumentException(
                "tensor '"
                    + e.getKey()
                    + "': wrote "
                    + written
                    + " bytes but "
                    + e.getValue().dtype()
                    + " "
                    + Arrays.toString(e.getValue().shape())
                    + " needs "
                    + e.getValue().byteSize());
          }
        }
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(tmp);
        throw e;
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return file;
    }
  }
}
