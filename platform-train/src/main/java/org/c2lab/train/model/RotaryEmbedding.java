package org.c2lab.train.model;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rotary position embedding frequencies in the Hugging Face convention ({@code rotate_half}: the
 * first half of each head pairs with the second half), plus the {@code rope_scaling} variants as
 * strategies keyed by {@code rope_type}. Computed in plain Java, in F32 like transformers.
 */
public final class RotaryEmbedding {
  /** Rescales the default inverse frequencies for one {@code rope_type}. */
  @FunctionalInterface
  interface Scaling {
    float[] apply(float[] invFreq, RopeScaling scaling, ModelConfig config);
  }

  private static final Map<String, Scaling> SCALINGS = new TreeMap<>();

  static {
    SCALINGS.put("default", (f, s, c) -> f);
    SCALINGS.put("linear", RotaryEmbedding::linear);
    SCALINGS.put("llama3", RotaryEmbedding::llama3);
  }

  private RotaryEmbedding() {}

  /** The {@code rope_type}s this runtime implements. */
  public static Set<String> supportedTypes() {
    return Collections.unmodifiableSet(SCALINGS.keySet());
  }

  /** Throws {@link ConfigException} when {@code config}'s rope scaling is not implemented. */
  public static void check(ModelConfig config) {
    scaling(config);
    if (config.ropeScaling() != null) {
      inverseFrequencies(config); // reads the type's parameters, failing on a missing one
    }
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

  /** {@code 1 / theta^(2i/d)} for i in [0, d/2), scaled as {@code rope_scaling} says. */
  public static float[] inverseFrequencies(ModelConfig config) {
    int d = config.headDim();
    float[] inv = new float[d / 2];
    for (int i = 0; i < inv.length; i++) {
      float exponent = (float) (2 * i) / d;
      inv[i] = (float) (1.0 / (float) Math.pow(config.ropeTheta(), exponent));
    }
    return scaling(config).apply(inv, config.ropeScaling(), config);
  }

  /**
   * cos and sin for positions {@code [from, to)}, each flat row-major {@code [to - from][headDim]}:
   * angle {@code p * invFreq[i]} at columns {@code i} and {@code i + headDim/2}, the layout {@code
   * rotate_half} expects.
   */
  public static CosSin cosSin(ModelConfig config, int from, int to) {
    float[] inv = inverseFrequencies(config);
    int d = config.headDim();
    int half = inv.length;
    float[] cos = new float[(to - from) * d];
    float[] sin = new float[(to - from) * d];
    for (int p = from; p < to; p++) {
      int row = (p - from) * d;
      for (int i = 0; i < half; i++) {
        float angle = p * inv[i];
        float c = (float) Math.cos(angle);
        float s = (float) Math.sin(angle);
        cos[row + i] = c;
        cos[row + i + half] = c;
        sin[row + i] = s;
        sin[row + i + half] = s;
      }
    }
    return new CosSin(cos, sin);
  }

  /** Flat {@code [positions][headDim]} tables. */
  public record CosSin(float[] cos, float[] sin) {}

  private static float[] linear(float[] inv, RopeScaling s, ModelConfig c) {
    float factor = (float) s.number("factor");
    float[] out = new float[inv.length];
    for (int i = 0; i < inv.length; i++) {
      out[i] = inv[i] / factor;
    }
    return out;
  }

  /** Llama 3.1's frequency-dependent scaling (transformers' {@code _compute_llama3_parameters}). */
  private static float[] llama3(float[] inv, RopeScaling s, ModelConfig c) {
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
    return out;
  }
}
