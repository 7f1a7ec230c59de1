package org.c2lab.train.llama2c;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A legacy (version 0) llama2.c checkpoint: a {@link Llama2cHeader} then float32 little-endian
 * weights in a fixed order, each per-layer part stacked over the layers. Parts are memory-mapped
 * and read one layer at a time, so importing a large checkpoint needs only one matrix on the heap.
 */
public final class Llama2cCheckpoint implements AutoCloseable {
  /** The version-1/2 magic "ak42"; those formats carry a different header. */
  private static final int MAGIC = 0x616b3432;

  /** The weight parts in file order, with the element count of one layer (or of the whole part). */
  public enum Part {
    TOKEN_EMBEDDING(false, h -> (long) h.vocabSize() * h.dim()),
    RMS_ATT(true, h -> h.dim()),
    WQ(true, h -> (long) h.dim() * h.dim()),
    WK(true, h -> (long) h.kvDim() * h.dim()),
    WV(true, h -> (long) h.kvDim() * h.dim()),
    WO(true, h -> (long) h.dim() * h.dim()),
    RMS_FFN(true, h -> h.dim()),
    W1(true, h -> (long) h.hiddenDim() * h.dim()),
    W2(true, h -> (long) h.dim() * h.hiddenDim()),
    W3(true, h -> (long) h.hiddenDim() * h.dim()),
    RMS_FINAL(false, h -> h.dim()),
    FREQ_CIS_REAL(false, h -> (long) h.seqLen() * h.headSize() / 2),
    FREQ_CIS_IMAG(false, h -> (long) h.seqLen() * h.headSize() / 2),
    WCLS(false, h -> h.sharedClassifier() ? 0 : (long) h.vocabSize() * h.dim());

    private final boolean perLayer;
    private final ToLongFunction<Llama2cHeader> elements;

    Part(boolean perLayer, ToLongFunction<Llama2cHeader> elements) {
      this.perLayer = perLayer;
      this.elements = elements;
    }

    /** Whether the part holds one block per layer. */
    public boolean perLayer() {
      return perLayer;
    }

    long totalElements(Llama2cHeader h) {
      return elements.applyAsLong(h) * (perLayer ? h.layers() : 1);
    }
  }

  private final Path path;
  private final FileChannel channel;
  private final Llama2cHeader header;
  private final Map<Part, Long> offsets;

  private Llama2cCheckpoint(
      Path path, FileChannel channel, Llama2cHeader header, Map<Part, Long> offsets) {
    this.path = path;
    this.channel = channel;
    this.header = header;
    this.offsets = offsets;
  }

  /** Opens {@code file}, checking the header and that the file size matches it exactly. */
  public static Llama2cCheckpoint open(Path file) throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
    try {
      String name = file.getFileName().toString();
      if (ch.size() < Llama2cHeader.BYTES) {
        throw new IOException(name + ": truncated: " + ch.size() + " bytes, header needs 28");
      }
      ByteBuffer b = ByteBuffer.allocate(Llama2cHeader.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      ch.read(b, 0);
      if (b.getInt(0) == MAGIC) {
        throw new IOException(
            name
                + ": llama2.c version 1/2 format (magic ak42) is not supported; export the model"
                + " with llama2.c's export.py --version 0");
      }
      int vocab = b.getInt(20);
      Llama2cHeader header;
      try {
        header =
            new Llama2cHeader(
                b.getInt(0),
                b.getInt(4),
                b.getInt(8),
                b.getInt(12),
                b.getInt(16),
                Math.abs(vocab),
                vocab > 0,
                b.getInt(24));
      } catch (IllegalArgumentException e) {
        throw new IOException(name + ": " + e.getMessage(), e);
      }
      Map<Part, Long> offsets = new EnumMap<>(Part.class);
      long at = Llama2cHeader.BYTES;
      for (Part p : Part.values()) {
        offsets.put(p, at);
        at += 4 * p.totalElements(header);
      }
      if (ch.size() != at) {
        throw new IOException(
            name
                + ": "
                + ch.size()
                + " bytes, but the header "
                + header
                + " describes "
                + at
                + (ch.size() < at ? " (truncated)" : " (trailing bytes or a wrong header)"));
      }
      return new Llama2cCheckpoint(file, ch, header, offsets);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** The file. */
  public Path path() {
    return path;
  }

  /** The header. */
  public Llama2cHeader header() {
    return header;
  }

  /** One layer's block of a per-layer part. */
  public float[] read(Part part, int layer) throws IOException {
    if (!part.perLayer()) {
      throw new IllegalArgumentException(part + " is not per layer");
    }
    if (layer < 0 || layer >= header.layers()) {
      throw new IllegalArgumentException("layer " + layer + " of " + header.layers());
    }
    long n = part.elements.applyAsLong(header);
    return floats(offsets.get(part) + 4 * n * layer, n);
  }

  /** A whole part that is not per layer (for {@link Part#WCLS}, empty when shared). */
  public float[] read(Part part) throws IOException {
    if (part.perLayer()) {
      throw new IllegalArgumentException(part + " is per layer");
    }
    return floats(offsets.get(part), part.totalElements(header));
  }

  private float[] floats(long offset, long count) throws IOException {
    float[] out = new float[Math.toIntExact(count)];
    if (count > 0) {
      channel
          .map(FileChannel.MapMode.READ_ONLY, offset, 4 * count)
          .order(ByteOrder.LITTLE_ENDIAN)
          .asFloatBuffer()
          .get(out);
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
