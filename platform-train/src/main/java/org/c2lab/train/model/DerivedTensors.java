package org.c2lab.train.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.c2lab.train.safetensors.SafetensorsException;
import org.c2lab.train.safetensors.TensorInfo;
import org.c2lab.train.safetensors.TensorSource;

/**
 * A view of a checkpoint under other tensor names and layouts, so one loader serves several
 * families: a fused tensor split into row ranges (Phi-3's {@code qkv_proj} into {@code q_proj},
 * {@code k_proj}, {@code v_proj}), or a tensor with its rows reordered (GLM's interleaved rotary
 * pairs into {@code rotate_half} order). Splits are zero-copy slices of the memory-mapped data;
 * reorders copy the tensor once into an off-heap buffer. Checks happen when the view is built, so
 * errors name the tensor as the file has it. Closing the view does not close the checkpoint.
 *
 * <pre>{@code
 * TensorSource llama = DerivedTensors.over(checkpoint)
 *     .split("l.qkv_proj.weight", List.of(new Part("l.q_proj.weight", 64), ...))
 *     .build();
 * }</pre>
 */
public final class DerivedTensors implements TensorSource {
  private final TensorSource base;
  private final Map<String, Derived> derived;
  private final SortedSet<String> names;

  /** One slice of a fused tensor: {@code rows} leading-dimension rows named {@code name}. */
  public record Part(String name, long rows) {
    public Part {
      if (rows <= 0) {
        throw new IllegalArgumentException(name + ": rows must be positive, got " + rows);
      }
    }
  }

  /** How a derived tensor is read from the base. */
  private interface Derived {
    TensorInfo info();

    ByteBuffer read() throws IOException;

    String source();
  }

  private DerivedTensors(TensorSource base, Map<String, Derived> derived, SortedSet<String> names) {
    this.base = base;
    this.derived = derived;
    this.names = Collections.unmodifiableSortedSet(names);
  }

  /** Starts a view over {@code base}; without derivations it shows {@code base} unchanged. */
  public static Builder over(TensorSource base) {
    return new Builder(base);
  }

  @Override
  public SortedSet<String> names() {
    return names;
  }

  @Override
  public TensorInfo info(String name) {
    Derived d = derived.get(name);
    return d != null ? d.info() : base.info(name);
  }

  @Override
  public Path fileOf(String name) {
    Derived d = derived.get(name);
    return base.fileOf(d != null ? d.source() : name);
  }

  @Override
  public Path location() {
    return base.location();
  }

  @Override
  public ByteBuffer slice(String name) throws IOException {
    Derived d = derived.get(name);
    return d != null ? d.read() : base.slice(name);
  }

  /** Does nothing: the base belongs to the caller. */
  @Override
  public void close() {}

  /** Collects derivations; each is checked against the base at once. */
  public static final class Builder {
    private final TensorSource base;
    private final Map<String, Derived> derived = new LinkedHashMap<>();
    private final SortedSet<String> names;

    private Builder(TensorSource base) {
      this.base = base;
      this.names = new TreeSet<>(base.names());
    }

    /**
     * Replaces the fused tensor {@code fused} by its consecutive row ranges {@code parts} (in
     * order), each with the fused tensor's other dimensions. The fused tensor must exist (or the
     * view is left unchanged when {@code parts} already exist separately, as in a checkpoint saved
     * unfused) and its rows must add up.
     */
    public Builder split(String fused, List<Part> parts) throws SafetensorsException {
      if (!base.contains(fused)) {
        if (parts.stream().allMatch(p -> base.contains(p.name()))) {
          return this;
        }
        long total = parts.stream().mapToLong(Part::rows).sum();
        throw new SafetensorsException(
            base.location(),
            fused,
            "missing; config.json implies it with " + total + " rows (" + describe(parts) + ")");
      }
      TensorInfo info = base.info(fused);
      long[] dims = info.dims();
      long total = parts.stream().mapToLong(Part::rows).sum();
      if (dims.length == 0 || dims[0] != total) {
        throw new SafetensorsException(
            base.fileOf(fused),
            fused,
            "shape "
                + info.shape()
                + " but config.json implies "
                + total
                + " rows ("
                + describe(parts)
                + ")");
      }
      long rowBytes = info.byteSize() / dims[0];
      long row = 0;
      for (Part p : parts) {
        long[] shape = dims.clone();
        shape[0] = p.rows();
        long from = row * rowBytes;
        long to = (row + p.rows()) * rowBytes;
        TensorInfo partInfo =
            new TensorInfo(
                p.name(),
                info.dtype(),
                Arrays.stream(shape).boxed().toList(),
                info.begin() + from,
                info.begin() + to);
        add(
            p.name(),
            new Derived() {
              @Override
              public TensorInfo info() {
                return partInfo;
              }

              @Override
              public ByteBuffer read() throws IOException {
                ByteBuffer all = base.slice(fused);
                return all.position((int) from)
                    .limit((int) to)
                    .slice()
                    .order(ByteOrder.LITTLE_ENDIAN);
              }

              @Override
              public String source() {
                return fused;
              }
            });
        row += p.rows();
      }
      names.remove(fused);
      return this;
    }

    /**
     * Shows tensor {@code name} with its leading-dimension rows reordered: row {@code i} of the
     * view is row {@code order[i]} of the tensor. A tensor the checkpoint lacks is left alone (the
     * loader reports it missing).
     */
    public Builder reorderRows(String name, int[] order) throws SafetensorsException {
      Derived under = derived.get(name);
      if (under == null && !base.contains(name)) {
        return this;
      }
      TensorInfo info = under != null ? under.info() : base.info(name);
      long[] dims = info.dims();
      if (dims.length == 0 || dims[0] != order.length) {
        throw new SafetensorsException(
            base.fileOf(under != null ? under.source() : name),
            name,
            "shape " + info.shape() + " but config.json implies " + order.length + " rows");
      }
      int rowBytes = Math.toIntExact(info.byteSize() / dims[0]);
      int[] rows = order.clone();
      derived.put(
          name,
          new Derived() {
            @Override
            public TensorInfo info() {
              return info;
            }

            @Override
            public ByteBuffer read() throws IOException {
              ByteBuffer src = under != null ? under.read() : base.slice(name);
              ByteBuffer out =
                  ByteBuffer.allocateDirect(rows.length * rowBytes).order(ByteOrder.LITTLE_ENDIAN);
              for (int row : rows) {
                out.put(src.duplicate().position(row * rowBytes).limit((row + 1) * rowBytes));
              }
              return out.flip();
            }

            @Override
            public String source() {
              return under != null ? under.source() : name;
            }
          });
      return this;
    }

    private void add(String name, Derived d) throws SafetensorsException {
      if (names.contains(name)) {
        throw new SafetensorsException(
            base.location(), name, "present both on its own and inside a fused tensor");
      }
      derived.put(name, d);
      names.add(name);
    }

    /** The view. */
    public DerivedTensors build() {
      return new DerivedTensors(base, Map.copyOf(derived), new TreeSet<>(names));
    }

    private static String describe(List<Part> parts) {
      return String.join(
          " + ", parts.stream().map(p -> p.rows() + " " + shortName(p.name())).toList());
    }

    private static String shortName(String name) {
      String[] bits = name.split("\\.");
      return bits.length >= 2 ? bits[bits.length - 2] : name;
    }
  }
}
