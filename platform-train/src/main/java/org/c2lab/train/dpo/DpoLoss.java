package org.c2lab.train.dpo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.Objects;
import org.c2lab.core.metrics.MetricNames;
import org.c2lab.train.autograd.Scalars;
import org.c2lab.train.training.MetricSums;

/**
 * The preference objective of one batch: a {@link PreferenceLoss} averaged over pairs, plus
 * optionally {@code alpha} times the negative log-likelihood of the chosen responses per token, the
 * RPO term of Pang et al., "Iterative Reasoning Preference Optimization" (NeurIPS 2024; TRL's
 * {@code rpo_alpha}). Reports TRL's metrics with the implicit rewards {@code beta (log pi - log
 * ref)}.
 *
 * @param loss the per-pair loss
 * @param beta the temperature, positive
 * @param rpoAlpha weight of the NLL term on chosen responses, 0 for none
 */
public record DpoLoss(PreferenceLoss loss, double beta, double rpoAlpha) {

  public DpoLoss {
    Objects.requireNonNull(loss, "loss");
    if (!(beta > 0) || !Double.isFinite(beta)) {
      throw new IllegalArgumentException("beta must be a positive number, got " + beta);
    }
    if (!(rpoAlpha >= 0) || !Double.isFinite(rpoAlpha)) {
      throw new IllegalArgumentException("rpo alpha must be >= 0, got " + rpoAlpha);
    }
  }

  /**
   * The batch loss (a scalar carrying the policy's graph) and its metrics.
   *
   * @param metrics TRL's names: loss, rewards/chosen, rewards/rejected, rewards/accuracies,
   *     rewards/margins, logps/chosen, logps/rejected; each weighted by the number of pairs
   */
  public record Output(NDArray loss, MetricSums metrics) {}

  /** Computes the loss of a batch from the policy's and the reference model's log-probs. */
  public Output compute(PairLogps policy, PairLogps reference) {
    if (policy.pairs() != reference.pairs()) {
      throw new IllegalArgumentException(
          policy.pairs() + " policy pairs but " + reference.pairs() + " reference pairs");
    }
    PairLogps p = loss.lengthNormalized() ? policy.perToken() : policy;
    PairLogps r = loss.lengthNormalized() ? reference.perToken() : reference;
    NDArray chosenRatio = p.chosen().sub(r.chosen());
    NDArray rejectedRatio = p.rejected().sub(r.rejected());
    NDArray total = loss.perPair(chosenRatio.sub(rejectedRatio), beta).mean();
    if (rpoAlpha > 0) {
      NDArray nll =
          policy.chosen().sum().neg().div(Scalars.like(policy.chosen(), policy.chosenTokenTotal()));
      total = total.add(nll.mul(Scalars.like(nll, rpoAlpha)));
    }

    int n = policy.pairs();
    double[] rc = doubles(chosenRatio);
    double[] rr = doubles(rejectedRatio);
    double[] lc = doubles(p.chosen());
    double[] lr = doubles(p.rejected());
    double sumChosen = 0;
    double sumRejected = 0;
    double correct = 0;
    double sumLc = 0;
    double sumLr = 0;
    for (int i = 0; i < n; i++) {
      double c = beta * rc[i];
      double x = beta * rr[i];
      sumChosen += c;
      sumRejected += x;
      correct += c > x ? 1 : 0;
      sumLc += lc[i];
      sumLr += lr[i];
    }
    MetricSums m = new MetricSums();
    m.add(MetricNames.LOSS, doubles(total)[0] * n, n);
    m.add(MetricNames.REWARDS_CHOSEN, sumChosen, n);
    m.add(MetricNames.REWARDS_REJECTED, sumRejected, n);
    m.add(MetricNames.REWARDS_ACCURACIES, correct, n);
    m.add(MetricNames.REWARDS_MARGINS, sumChosen - sumRejected, n);
    m.add(MetricNames.LOGPS_CHOSEN, sumLc, n);
    m.add(MetricNames.LOGPS_REJECTED, sumLr, n);
    return new Output(total, m);
  }

  /** Values as doubles, outside the graph. */
  static double[] doubles(NDArray a) {
    try (NDArray d = a.stopGradient().toType(DataType.FLOAT64, false)) {
      return d.toDoubleArray();
    }
  }
}
