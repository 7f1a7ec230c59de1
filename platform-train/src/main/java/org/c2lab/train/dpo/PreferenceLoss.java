package org.c2lab.train.dpo;

import ai.djl.ndarray.NDArray;

/**
 * A preference-optimisation loss over the log-ratio difference of each pair, {@code h = (log
 * pi(chosen) - log ref(chosen)) - (log pi(rejected) - log ref(rejected))}: the strategy {@link
 * DpoLoss} is configured with. Implementations use native constants only ({@link
 * org.c2lab.train.autograd.Scalars}), so they are safe under autograd.
 */
public interface PreferenceLoss {

  /** The name used in configs, the CLI and provenance, e.g. {@code sigmoid}. */
  String name();

  /**
   * The loss of every pair.
   *
   * @param h the log-ratio differences {@code [pairs]}
   * @param beta the temperature, positive
   * @return {@code [pairs]}, in {@code h}'s manager and type
   */
  NDArray perPair(NDArray h, double beta);

  /**
   * Whether the loss is defined on per-token average log-probabilities instead of sequence sums
   * (TRL does this for IPO); the rewards it reports are then per token too.
   */
  default boolean lengthNormalized() {
    return false;
  }

  /** The loss named {@code name}: {@code sigmoid}, {@code ipo} or {@code hinge}. */
  static PreferenceLoss named(String name, double labelSmoothing) {
    return switch (name) {
      case SigmoidLoss.NAME -> new SigmoidLoss(labelSmoothing);
      case IpoLoss.NAME -> new IpoLoss();
      case HingeLoss.NAME -> new HingeLoss();
      default ->
          throw new IllegalArgumentException("unknown loss '" + name + "' (sigmoid, ipo, hinge)");
    };
  }
}
