package org.c2lab.train.init;

import java.nio.file.Path;
import java.util.Objects;
import org.c2lab.train.model.ModelFamily;
import org.c2lab.train.safetensors.DType;

/**
 * What {@link ModelInitializer} writes: a family, its sizes, the tokenizer and chat template, the
 * seed and dtype of the random weights, and the output folder. Built with {@link #builder()}.
 *
 * @param family the architecture family
 * @param hidden model width
 * @param layers decoder layers
 * @param heads query heads
 * @param kvHeads key/value heads (GQA when fewer)
 * @param intermediate MLP width
 * @param maxPositions longest sequence (config's max_position_embeddings)
 * @param tokenizer the {@code tokenizer.json} to copy; it decides the vocabulary size
 * @param template the chat template and its special tokens
 * @param seed seeds the weights; the same seed writes the same bytes
 * @param dtype F32, F16 or BF16
 * @param out the folder to create (absent or empty)
 */
public record InitSpec(
    ModelFamily family,
    int hidden,
    int layers,
    int heads,
    int kvHeads,
    int intermediate,
    int maxPositions,
    Path tokenizer,
    TemplateChoice template,
    long seed,
    DType dtype,
    Path out) {

  public InitSpec {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(tokenizer, "tokenizer");
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(dtype, "dtype");
    Objects.requireNonNull(out, "out");
    positive("--hidden", hidden);
    positive("--layers", layers);
    positive("--heads", heads);
    positive("--kv-heads", kvHeads);
    positive("--intermediate", intermediate);
    positive("--max-positions", maxPositions);
    if (!dtype.isFloatingPoint()) {
      throw new IllegalArgumentException("--dtype must be f32, f16 or bf16, got " + dtype);
    }
  }

  private static void positive(String option, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(option + " must be a positive integer, got " + value);
    }
  }

  /** A builder with defaults: kv heads = heads, 2048 positions, no template, seed 0, F32. */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects the spec's fields. */
  public static final class Builder {
    private ModelFamily family;
    private int hidden;
    private int layers;
    private int heads;
    private Integer kvHeads;
    private int intermediate;
    private int maxPositions = 2048;
    private Path tokenizer;
    private TemplateChoice template = TemplateChoice.NONE;
    private long seed;
    private DType dtype = DType.F32;
    private Path out;

    private Builder() {}

    public Builder family(ModelFamily family) {
      this.family = family;
      return this;
    }

    /** Width, layers, query heads, key/value heads (null: as many as query heads), MLP width. */
    public Builder shape(int hidden, int layers, int heads, Integer kvHeads, int intermediate) {
      this.hidden = hidden;
      this.layers = layers;
      this.heads = heads;
      this.kvHeads = kvHeads;
      this.intermediate = intermediate;
      return this;
    }

    public Builder maxPositions(int maxPositions) {
      this.maxPositions = maxPositions;
      return this;
    }

    public Builder tokenizer(Path tokenizer) {
      this.tokenizer = tokenizer;
      return this;
    }

    public Builder template(TemplateChoice template) {
      this.template = template;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder dtype(DType dtype) {
      this.dtype = dtype;
      return this;
    }

    public Builder out(Path out) {
      this.out = out;
      return this;
    }

    /** The spec; {@link IllegalArgumentException} naming the option at fault. */
    public InitSpec build() {
      return new InitSpec(
          family,
          hidden,
          layers,
          heads,
          kvHeads == null ? heads : kvHeads,
          intermediate,
          maxPositions,
          tokenizer,
          template,
          seed,
          dtype,
          out);
    }
  }
}
