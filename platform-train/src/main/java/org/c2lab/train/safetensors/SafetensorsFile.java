package org.c2lab.train.safetensors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One safetensors file, opened read-only. The header is read and validated on {@link #open}; tensor
 * data is memory-mapped one tensor at a time on demand, so a file of any size is never copied
 * through the Java heap. Mapped slices stay valid after {@link #close()}.
 */
public final class SafetensorsFile implements TensorSource {
  private final Path path;
  private final FileChannel channel;
  private final SafetensorsHeader header;

  private SafetensorsFile(Path path, FileChannel channel, SafetensorsHeader header) {
    this.path = path;
    this.channel = channel;
    this.header = header;
  }

  /** Opens and validates {@code file}; {@link SafetensorsException} names what is wrong. */
  public static SafetensorsFile open(Path file) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      return new SafetensorsFile(file, channel, SafetensorsHeader.read(file, channel));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** The file. */
  public Path path() {
    return path;
  }

  /** The validated header. */
  public SafetensorsHeader header() {
    return header;
  }

  /** The {@code __metadata__} map. */
  public Map<String, String> metadata() {
    return header.metadata();
  }

  @Override
  public SortedSet<String> names() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(header.tensors().keySet()));
  }

  @Override
  public TensorInfo info(String name) {
    TensorInfo info = header.tensors().get(name);
    if (info == null) {
      throw new IllegalArgumentException(
          path.getFileName()
              + ": no tensor '"
              + name
              + "' ("
              + header.tensors().size()
              + " tensors)");
    }
    return info;
  }

  @Override
  public Path location() {
    return path;
  }

  @Override
  public Path fileOf(String name) {
    info(name);
    return path;
  }

  @Override
  public ByteBuffer slice(String name) throws IOException {
    TensorInfo info = info(name);
    if (info.byteSize() > Integer.MAX_VALUE) {
      // A MappedByteBuffer is int-indexed; no tensor of the supported models comes near this.
      throw new SafetensorsException(
          path, name, info.byteSize() + " bytes exceeds the 2 GiB a single mapping can hold");
    }
    if (info.byteSize() == 0) {
      return ByteBuffer.allocateDirect(0).asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }
    return channel
        .map(FileChannel.MapMode.READ_ONLY, header.dataStart() + info.begin(), info.byteSize())
        .order(ByteOrder.LITTLE_ENDIAN);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
