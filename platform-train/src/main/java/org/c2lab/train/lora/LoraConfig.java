package org.c2lab.train.lora;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Low-rank adapters (Hu et al., "LoRA: Low-Rank Adaptation of Large Language Models", ICLR 2022):
 * each targeted projection {@code W} becomes {@code W + (alpha / rank) B A}, with {@code A} of
 * shape {@code [rank, in]} and {@code B} of shape {@code [out, rank]}; only A and B train.
 *
 * @param rank the adapters' rank, > 0
 * @param alpha the scaling numerator (PEFT's {@code lora_alpha}), > 0
 * @param dropout dropout on the adapter's input during training, in [0, 1)
 * @param targetModules projection names to adapt, as the checkpoint's modules are named: q_proj,
 *     k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj, and the fused qkv_proj (Phi-3) and
 *     gate_up_proj (Phi-3, GLM-4). A fused module is also adapted when all of its parts are named
 *     (so the default, every projection, adapts Phi-3's qkv_proj and gate_up_proj); naming only
 *     some of its parts is an error when the model is attached.
 */
public record LoraConfig(int rank, double alpha, double dropout, List<String> targetModules) {
  /** Every projection a Llama-family decoder layer has. */
  public static final List<String> ALL_PROJECTIONS =
      List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");

  /** The fused projections of Phi-3 (qkv_proj, gate_up_proj) and GLM-4 (gate_up_proj). */
  public static final List<String> FUSED_PROJECTIONS = List.of("qkv_proj", "gate_up_proj");

  /** Rank 16, alpha 32, dropout 0.05, every projection (the defaults). */
  public static final LoraConfig DEFAULT = new LoraConfig(16, 32, 0.05, ALL_PROJECTIONS);

  public LoraConfig {
    if (rank <= 0) {
      throw new IllegalArgumentException("LoRA rank must be > 0, got " + rank);
    }
    if (!(alpha > 0) || !Double.isFinite(alpha)) {
      throw new IllegalArgumentException("LoRA alpha must be > 0, got " + alpha);
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("LoRA dropout must be in [0, 1), got " + dropout);
    }
    targetModules = List.copyOf(Objects.requireNonNull(targetModules, "targetModules"));
    if (targetModules.isEmpty()) {
      throw new IllegalArgumentException("LoRA needs at least one target module");
    }
    Set<String> known = new java.util.HashSet<>(ALL_PROJECTIONS);
    known.addAll(FUSED_PROJECTIONS);
    for (String m : targetModules) {
      if (!known.contains(m)) {
        throw new IllegalArgumentException(
            "unknown LoRA target '"
                + m
                + "' (one of "
                + ALL_PROJECTIONS
                + " or fused "
                + FUSED_PROJECTIONS
                + ")");
      }
    }
  }

  /** The factor {@code alpha / rank} applied to {@code B A}. */
  public double scale() {
    return alpha / rank;
  }

  /** Whether a Hugging Face weight name belongs to a targeted projection. */
  public boolean targets(String weightName) {
    String last = projection(weightName);
    return last != null && targetModules.contains(last);
  }

  /**
   * The projection name of a decoder layer's weight ({@code q_proj} for {@code
   * model.layers.0.self_attn.q_proj.weight}), or null for other tensors.
   */
  public static String projection(String weightName) {
    if (!weightName.startsWith("model.layers.") || !weightName.endsWith(".weight")) {
      return null;
    }
    String module = weightName.substring(0, weightName.length() - ".weight".length());
    return module.substring(module.lastIndexOf('.') + 1);
  }
}
