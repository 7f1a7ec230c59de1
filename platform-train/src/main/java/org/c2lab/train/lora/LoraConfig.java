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
 * @param targetModules projection names to adapt: q_proj, k_proj, v_proj, o_proj, gate_proj,
 *     up_proj, down_proj
 */
public record LoraConfig(int rank, double alpha, double dropout, List<String> targetModules) {
  /** Every projection a Llama-family decoder layer has. */
  public static final List<String> ALL_PROJECTIONS =
      List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");

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
    Set<String> known = Set.copyOf(ALL_PROJECTIONS);
    for (String m : targetModules) {
      if (!known.contains(m)) {
        throw new IllegalArgumentException(
            "unknown LoRA target '" + m + "' (one of " + ALL_PROJECTIONS + ")");
      }
    }
  }

  /** The factor {@code alpha / rank} applied to {@code B A}. */
  public double scale() {
    return alpha / rank;
  }

  /** Whether a Hugging Face weight name belongs to a targeted projection. */
  public boolean targets(String weightName) {
    if (!weightName.startsWith("model.layers.") || !weightName.endsWith(".weight")) {
      return false;
    }
    String module = weightName.substring(0, weightName.length() - ".weight".length());
    String last = module.substring(module.lastIndexOf('.') + 1);
    return targetModules.contains(last);
  }
}
