package org.c2lab.train.dpo;

import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.c2lab.core.provenance.Sha256;
import org.c2lab.train.batch.PromptFormat;
import org.c2lab.train.batch.Truncation;
import org.c2lab.train.safetensors.DType;
import org.c2lab.train.safetensors.SafetensorsFile;
import org.c2lab.train.safetensors.SafetensorsWriter;
import org.c2lab.train.tokenizer.TextTokenizer;

/**
 * Reference log-probabilities on disk, shared between runs: an entry is keyed by everything that
 * determines its values (the model files' SHA-256s, tokenizer, chat template, the pairs file,
 * truncation), so a sweep over beta or the loss computes them once. Entries are safetensors files
 * ({@code chosen}, {@code rejected}: F64 per pair) named by the key's hash, with the key's fields
 * in {@code __metadata__}; a file whose fields differ from the key is ignored.
 */
public final class ReferenceCache {
  /** Format tag in every key: changes when the computation changes. */
  public static final String FORMAT = "c2-reference-logps-v1";

  private final Path dir;

  /** A cache in {@code dir} (created on first store). */
  public ReferenceCache(Path dir) {
    this.dir = dir;
  }

  /**
   * What determines a cache entry.
   *
   * @param fields the determining facts, e.g. {@code model/config.json -> sha256}
   */
  public record Key(SortedMap<String, String> fields) {
    public Key {
      fields = new TreeMap<>(fields);
    }

    /** The entry's id: SHA-256 of the fields. */
    public String id() {
      List<String> parts = new ArrayList<>();
      fields.forEach((k, v) -> parts.add(k + "=" + v));
      return Sha256.ofFields(parts.toArray(String[]::new));
    }
  }

  /** The key for reference values of a model folder, computed in F32, on a pairs file. */
  public static Key key(Path modelDir, PromptFormat format, Path pairsFile, Truncation truncation)
      throws IOException {
    return key(modelDir, format, pairsFile, truncation, DataType.FLOAT32);
  }

  /**
   * The key for reference values of a model folder on a pairs file, computed with the weights in
   * {@code precision} (an F16 base gives slightly other log-probs than an F32 one).
   */
  public static Key key(
      Path modelDir, PromptFormat format, Path pairsFile, Truncation truncation, DataType precision)
      throws IOException {
    SortedMap<String, String> f = new TreeMap<>();
    f.put("format", FORMAT);
    try (Stream<Path> files = Files.list(modelDir)) {
      for (Path p : files.sorted().toList()) {
        String name = p.getFileName().toString();
        if (name.equals("config.json")
            || name.endsWith(".safetensors")
            || name.equals("model.safetensors.index.json")
            || name.equals(TextTokenizer.FILE_NAME)) {
          f.put("model/" + name, Sha256.of(p));
        }
      }
    }
    f.put("template", format.template().sha256());
    f.put("data", Sha256.of(pairsFile));
    f.put("max_length", Integer.toString(truncation.maxLength()));
    f.put("max_prompt_length", Integer.toString(truncation.maxPromptLength()));
    f.put("precision", precision == DataType.FLOAT16 ? "f16" : "f32");
    return new Key(f);
  }

  /** The file of an entry. */
  public Path file(Key key) {
    return dir.resolve("ref-" + key.id() + ".safetensors");
  }

  /** The stored values, if an entry with exactly these fields and {@code pairs} values exists. */
  public Optional<CachedReference> load(Key key, int pairs) throws IOException {
    Path file = file(key);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try (SafetensorsFile f = SafetensorsFile.open(file)) {
      Map<String, String> meta = f.metadata();
      for (Map.Entry<String, String> e : key.fields().entrySet()) {
        if (!e.getValue().equals(meta.get(e.getKey()))) {
          return Optional.empty();
        }
      }
      double[] chosen = doubles(f, "chosen");
      double[] rejected = doubles(f, "rejected");
      if (chosen.length != pairs || rejected.length != pairs) {
        return Optional.empty();
      }
      return Optional.of(new CachedReference(chosen, rejected));
    }
  }

  /** Stores an entry (atomically) and returns its file. */
  public Path store(Key key, CachedReference values) throws IOException {
    Files.createDirectories(dir);
    long[] shape = {values.size()};
    return SafetensorsWriter.builder()
        .metadata(key.fields())
        .add("chosen", DType.F64, shape, bytes(values.chosen()))
        .add("rejected", DType.F64, shape, bytes(values.rejected()))
        .write(file(key));
  }

  /** The stored values, or {@code compute}'s, stored for next time. */
  public CachedReference getOrCompute(Key key, int pairs, Supplier<CachedReference> compute)
      throws IOException {
    Optional<CachedReference> hit = load(key, pairs);
    if (hit.isPresent()) {
      return hit.get();
    }
    CachedReference values = compute.get();
    store(key, values);
    return values;
  }

  private static ByteBuffer bytes(double[] v) {
    ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    b.asDoubleBuffer().put(v);
    return b;
  }

  private static double[] doubles(SafetensorsFile f, String name) throws IOException {
    if (!f.contains(name) || f.info(name).dtype() != DType.F64) {
      return new double[0];
    }
    ByteBuffer b = f.slice(name).order(ByteOrder.LITTLE_ENDIAN);
    double[] out = new double[b.remaining() / 8];
    b.asDoubleBuffer().get(out);
    return out;
  }
}
