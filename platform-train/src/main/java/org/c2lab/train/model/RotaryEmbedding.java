package org.c2lab.train.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rotary position embedding frequencies in the Hugging Face convention ({@code rotate_half}: the
 * first half of the rotary dimensions pairs with the second half), plus the {@code rope_scaling}
 * variants as strategies keyed by {@code rope_type}. Only the first {@link ModelConfig#rotaryDim()}
 * dimensions of a head turn ({@code partial_rotary_factor}); the rest pass through.
 *
 * <p>A strategy yields one or more {@link Regime}s: the frequencies and cos/sin multiplier used
 * while a sequence is at most so long. All types but {@code longrope} have one; Phi-3's {@code
 * longrope} switches from its short to its long factors once a sequence outgrows the original
 * context, as transformers does (per forward call, for every position of that call). Computed in
 * plain Java, in F32 like transformers.
 */
public final class RotaryEmbedding {
  /** Computes the regimes of one {@code rope_type}. */
  @FunctionalInterface
  interface Scaling {
    List<Regime> regimes(ModelConfig config, RopeScaling scaling);
  }

  /**
   * The frequencies used for sequences of at most {@code maxLength} positions.
   *
   * @param maxLength the longest sequence (in positions) this regime serves
   * @param inverseFrequencies one per rotary pair ({@code rotaryDim / 2})
   * @param attentionFactor multiplies cos and sin (longrope's attention scaling; 1 otherwise)
   */
  public record Regime(int maxLength, float[] inverseFrequencies, float attentionFactor) {
    public Regime {
      if (maxLength <= 0 || inverseFrequencies.length == 0 || !(attentionFactor > 0)) {
        throw new IllegalArgumentException(
            "regime up to " + maxLength + " with " + inverseFrequencies.length + " frequencies");
      }
      inverseFrequencies = inverseFrequencies.clone();
    }

    @Override
    public float[] inverseFrequencies() {
      return inverseFrequencies.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Regime r
          && r.maxLength == maxLength
          && r.attentionFactor == attentionFactor
          && Arrays.equals(r.inverseFrequencies, inverseFrequencies);
    }

    @Override
    public int hashCode() {
      return 31 * Objects.hash(maxLength, attentionFactor) + Arrays.hashCode(inverseFrequencies);
    }

    @Override
    public String toString() {
      return "Regime[maxLength="
          + maxLength
          + ", attentionFactor="
          + attentionFactor
          + ", inverseFrequencies="
          + Arrays.toString(inverseFrequencies)
          + "]";
    }
  }

  private static final Map<String, Scaling> SCALINGS = new TreeMap<>();

  static {
    SCALINGS.put("default", (c, s) -> single(c, base(c), 1f));
    SCALINGS.put("linear", RotaryEmbedding::linear);
    SCALINGS.put("llama3", RotaryEmbedding::llama3);
    SCALINGS.put("longrope", RotaryEmbedding::longrope);
    SCALINGS.put("su", RotaryEmbedding::longrope); // early Phi-3 configs' name for longrope
  }

  private RotaryEmbedding() {}

  /** The {@code rope_type}s this runtime implements. */
  public static Set<String> supportedTypes() {
    return Collections.unmodifiableSet(SCALINGS.keySet());
  }

  /** Throws {@link ConfigException} when {@code config}'s rope scaling is not implemented. */
  public static void check(ModelConfig config) {
    regimes(config); // reads the type's parameters, failing on a missing one
  }

  private static Scaling scaling(ModelConfig config) {
    RopeScaling rs = config.ropeScaling();
    if (rs == null) {
      return SCALINGS.get("default");
    }
    Scaling s = SCALINGS.get(rs.type());
    if (s == null) {
      throw new ConfigException(
          "rope_scaling.rope_type",
          "'"
              + rs.type()
              + "' is not supported (supported: "
              + String.join(", ", SCALINGS.keySet())
              + ")");
    }
    return s;
  }

  /** Every regime of {@code config}, shortest first; the last serves up to the longest context. */
  public static List<Regime> regimes(ModelConfig config) {
    return scaling(config).regimes(config, config.ropeScaling());
  }

  /** The regime a forward pass over a sequence of {@code length} positions uses. */
  public static Regime regime(ModelConfig config, int length) {
    List<Regime> all = regimes(config);
    return all.stream()
        .filter(r -> length <= r.maxLength())
        .findFirst()
        .orElse(all.get(all.size() - 1));
  }

  /** The inverse frequencies of short sequences (the first regime). */
  public static float[] inverseFrequencies(ModelConfig config) {
    return regimes(config).get(0).inverseFrequencies();
  }

  /** cos and sin for positions {@code [from, to)} in the regime of a {@code to}-long sequence. */
  public static CosSin cosSin(ModelConfig config, int from, int to) {
    return cosSin(regime(config, to), from, to);
  }

  /**
   * cos and sin of {@code regime} for positions {@code [from, to)}, each flat row-major {@code [to
   * - from][rotaryDim]}: angle {@code p * invFreq[i]} at columns {@code i} and {@code i +
   * rotaryDim/2}, the layout {@code rotate_half} expects, times the attention factor.
   */
  public static CosSin cosSin(Regime regime, int from, int to) {
    float[] inv = regime.inverseFrequencies;
    float factor = regime.attentionFactor();
    int half = inv.length;
    int d = 2 * half;
    float[] cos = new float[(to - from) * d];
    float[] sin = new float[(to - from) * d];
    for (int p = from; p < to; p++) {
      int row = (p - from) * d;
      for (int i = 0; i < half; i++) {
        float angle = p * inv[i];
        float c = (float) Math.cos(angle) * factor;
        float s = (float) Math.sin(angle) * factor;
        cos[row + i] = c;
        cos[row + i + half] = c;
        sin[row + i] = s;
        sin[row + i + half] = s;
      }
    }
    return new CosSin(cos, sin);
  }

  /** Flat {@code [positions][rotaryDim]} tables. */
  public record CosSin(float[] cos, float[] sin) {}

  /** {@code theta^(2i/d)} for i in [0, d/2), d the rotary dimensions, each rounded to F32. */
  private static float[] powers(ModelConfig config) {
    int d = config.rotaryDim();
    float[] pow = new float[d / 2];
    for (int i = 0; i < pow.length; i++) {
      float exponent = (float) (2 * i) / d;
      pow[i] = (float) Math.pow(config.ropeTheta(), exponent);
    }
    return pow;
  }

  /** {@code 1 / theta^(2i/d)}: the unscaled frequencies. */
  private static float[] base(ModelConfig config) {
    float[] pow = powers(config);
    float[] inv = new float[pow.length];
    for (int i = 0; i < inv.length; i++) {
      inv[i] = (float) (1.0 / pow[i]);
    }
    return inv;
  }

  private static List<Regime> single(ModelConfig config, float[] inv, float factor) {
    return List.of(new Regime(config.maxPositionEmbeddings(), inv, factor));
  }

  private static List<Regime> linear(ModelConfig c, RopeScaling s) {
    float factor = (float) s.number("factor");
    float[] out = base(c);
    for (int i = 0; i < out.length; i++) {
      out[i] = out[i] / factor;
    }
    return single(c, out, 1f);
  }

  /** Llama 3.1's frequency-dependent scaling (transformers' {@code _compute_llama3_parameters}). */
  private static List<Regime> llama3(ModelConfig c, RopeScaling s) {
    double factor = s.number("factor");
    double low = s.number("low_freq_factor");
    double high = s.number("high_freq_factor");
    double oldContext = s.number("original_max_position_embeddings");
    if (!(high > low)) {
      throw new ConfigException(
          "rope_scaling.high_freq_factor", high + " must exceed low_freq_factor " + low);
    }
    double lowFreqWavelen = oldContext / low;
    double highFreqWavelen = oldContext / high;
    float[] inv = base(c);
    float[] out = new float[inv.length];
    for (int i = 0; i < inv.length; i++) {
      double wavelen = 2 * Math.PI / inv[i];
      if (wavelen < highFreqWavelen) {
        out[i] = inv[i];
      } else if (wavelen > lowFreqWavelen) {
        out[i] = (float) (inv[i] / factor);
      } else {
        double smooth = (oldContext / wavelen - low) / (high - low);
        out[i] = (float) ((1 - smooth) * inv[i] / factor + smooth * inv[i]);
      }
    }
    return single(c, out, 1f);
  }

  /**
   * LongRoPE (Phi-3 128k; transformers' {@code _compute_longrope_parameters}): frequencies {@code 1
   * / (ext[i] * theta^(2i/d))} with {@code ext} the short factors up to the original context and
   * the long factors beyond it; cos and sin scaled by {@code attention_factor}, by default {@code
   * sqrt(1 + ln(s) / ln(original))} with {@code s = max_position_embeddings / original}.
   */
  private static List<Regime> longrope(ModelConfig c, RopeScaling s) {
    int pairs = c.rotaryDim() / 2;
    float[] shortFactor = s.numbers("short_factor", pairs);
    float[] longFactor = s.numbers("long_factor", pairs);
    double original;
    double factor;
    if (c.originalMaxPositionEmbeddings() != null || s.parameters().containsKey(ORIGINAL)) {
      original =
          c.originalMaxPositionEmbeddings() != null
              ? c.originalMaxPositionEmbeddings()
              : s.number(ORIGINAL);
      factor = c.maxPositionEmbeddings() / original;
    } else {
      original = c.maxPositionEmbeddings();
      factor = s.number("factor", 1.0);
    }
    double attention =
        s.number(
            "attention_factor",
            factor <= 1.0 ? 1.0 : Math.sqrt(1 + Math.log(factor) / Math.log(original)));
    float[] pow = powers(c);
    Regime shortRegime =
        new Regime(
            (int) Math.min(original, c.maxPositionEmbeddings()),
            scaled(pow, shortFactor),
            (float) attention);
    if (original >= c.maxPositionEmbeddings()) {
      return List.of(shortRegime);
    }
    return List.of(
        shortRegime,
        new Regime(c.maxPositionEmbeddings(), scaled(pow, longFactor), (float) attention));
  }

  private static final String ORIGINAL = "original_max_position_embeddings";

  private static float[] scaled(float[] pow, float[] ext) {
    float[] inv = new float[pow.length];
    for (int i = 0; i < inv.length; i++) {
      float denominator = ext[i] * pow[i]; // F32 product, as torch computes it
      inv[i] = (float) (1.0 / denominator);
    }
    return inv;
  }
}
