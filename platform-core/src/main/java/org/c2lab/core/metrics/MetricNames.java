package org.c2lab.core.metrics;

import java.util.OptionalInt;

/**
 * Metric names, defined once. C2-Eval uses {@code corr@k} and {@code corr_mean}; DPO training uses
 * the names TRL logs, so curves from this platform and from a TRL run can be plotted together.
 */
public final class MetricNames {
  private static final String CORR_PREFIX = "corr@";

  /** Mean of Corr@k over the k values evaluated. */
  public static final String CORR_MEAN = "corr_mean";

  /** DPO loss. */
  public static final String LOSS = "loss";

  /** Mean implicit reward of the chosen responses: beta * (policy - reference) log-ratio. */
  public static final String REWARDS_CHOSEN = "rewards/chosen";

  /** Mean implicit reward of the rejected responses. */
  public static final String REWARDS_REJECTED = "rewards/rejected";

  /** Fraction of pairs whose chosen reward exceeds the rejected reward. */
  public static final String REWARDS_ACCURACIES = "rewards/accuracies";

  /** Mean of chosen minus rejected reward. */
  public static final String REWARDS_MARGINS = "rewards/margins";

  /** Mean policy log-probability of the chosen responses. */
  public static final String LOGPS_CHOSEN = "logps/chosen";

  /** Mean policy log-probability of the rejected responses. */
  public static final String LOGPS_REJECTED = "logps/rejected";

  /** Mean logits over the chosen responses' tokens. */
  public static final String LOGITS_CHOSEN = "logits/chosen";

  /** Mean logits over the rejected responses' tokens. */
  public static final String LOGITS_REJECTED = "logits/rejected";

  /** Gradient norm before clipping. */
  public static final String GRAD_NORM = "grad_norm";

  /** Learning rate at the step. */
  public static final String LEARNING_RATE = "learning_rate";

  /** Fractional epoch at the step. */
  public static final String EPOCH = "epoch";

  /** Throughput of generation or training. */
  public static final String TOKENS_PER_SECOND = "tokens_per_second";

  private MetricNames() {}

  /** The name of Corr@k, e.g. {@code corrAt(10)} is {@code "corr@10"}. */
  public static String corrAt(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, was " + k);
    }
    return CORR_PREFIX + k;
  }

  /** The k of a {@code corr@k} name, or empty if {@code name} is not one. */
  public static OptionalInt parseCorrAt(String name) {
    if (name == null || !name.startsWith(CORR_PREFIX)) {
      return OptionalInt.empty();
    }
    String digits = name.substring(CORR_PREFIX.length());
    if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)) {
      return OptionalInt.empty();
    }
    int k = Integer.parseInt(digits);
    return k >= 1 && corrAt(k).equals(name) ? OptionalInt.of(k) : OptionalInt.empty();
  }
}
