package org.c2lab.train.dpo;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import org.c2lab.train.autograd.Scalars;

/**
 * The DPO loss of Rafailov et al., "Direct Preference Optimization: Your Language Model is Secretly
 * a Reward Model" (NeurIPS 2023): {@code -log sigmoid(beta h)}. With label smoothing {@code e > 0}
 * it is the conservative DPO of Mitchell, "A note on DPO with noisy preferences" (2023), which
 * assumes each label is flipped with probability {@code e}: {@code -(1 - e) log sigmoid(beta h) - e
 * log sigmoid(-beta h)}, as TRL's {@code sigmoid} loss computes it.
 *
 * <p>{@code -log sigmoid(z)} is computed as {@code softplus(-z)} (DJL has no logsigmoid): stable
 * for large |z|.
 *
 * @param labelSmoothing the flip probability {@code e}, in {@code [0, 0.5)}
 */
public record SigmoidLoss(double labelSmoothing) implements PreferenceLoss {
  /** The name in configs. */
  public static final String NAME = "sigmoid";

  public SigmoidLoss {
    if (!(labelSmoothing >= 0 && labelSmoothing < 0.5)) {
      throw new IllegalArgumentException(
          "label smoothing must be in [0, 0.5), got " + labelSmoothing);
    }
  }

  /** Plain DPO, no label smoothing. */
  public SigmoidLoss() {
    this(0);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public NDArray perPair(NDArray h, double beta) {
    NDArray z = h.mul(Scalars.like(h, beta));
    NDArray loss = Activation.softPlus(z.neg());
    if (labelSmoothing == 0) {
      return loss;
    }
    return loss.mul(Scalars.like(h, 1 - labelSmoothing))
        .add(Activation.softPlus(z).mul(Scalars.like(h, labelSmoothing)));
  }
}
