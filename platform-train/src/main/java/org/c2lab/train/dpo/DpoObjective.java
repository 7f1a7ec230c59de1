package org.c2lab.train.dpo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.c2lab.core.metrics.MetricNames;
import org.c2lab.train.batch.SequenceBatch;
import org.c2lab.train.batch.SequenceLogps;
import org.c2lab.train.batch.TokenizedPair;
import org.c2lab.train.batch.TokenizedSequence;
import org.c2lab.train.model.CausalLm;
import org.c2lab.train.training.MetricSums;
import org.c2lab.train.training.Objective;

/**
 * DPO as a training {@link Objective}: the chosen and rejected sequences of a micro-batch run
 * through the policy in one forward pass ({@code [2 * pairs, width]}), the reference supplies its
 * log-probabilities, and {@link DpoLoss} turns both into the loss. Each pair weighs the same.
 * Besides the loss's metrics it reports TRL's {@code logits/chosen} and {@code logits/rejected}.
 */
public final class DpoObjective implements Objective {
  private final CausalLm policy;
  private final List<TokenizedPair> pairs;
  private final ReferenceModel reference;
  private final DpoLoss loss;

  /** DPO of {@code policy} on {@code pairs} (indexed as the plan indexes them). */
  public DpoObjective(
      CausalLm policy, List<TokenizedPair> pairs, ReferenceModel reference, DpoLoss loss) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.pairs = List.copyOf(pairs);
    this.reference = Objects.requireNonNull(reference, "reference");
    this.loss = Objects.requireNonNull(loss, "loss");
  }

  @Override
  public double weight(int[] indices) {
    return indices.length;
  }

  @Override
  public Result forward(int[] indices, NDManager manager) {
    int n = indices.length;
    double[][] ref = reference.logps(indices);
    List<TokenizedSequence> rows = new ArrayList<>(2 * n);
    int[] chosenTokens = new int[n];
    int[] rejectedTokens = new int[n];
    for (int i = 0; i < n; i++) {
      TokenizedPair p = pairs.get(indices[i]);
      rows.add(p.chosen());
      chosenTokens[i] = p.chosen().response().length;
    }
    for (int i = 0; i < n; i++) {
      TokenizedPair p = pairs.get(indices[i]);
      rows.add(p.rejected());
      rejectedTokens[i] = p.rejected().response().length;
    }
    SequenceBatch batch = new SequenceBatch(rows, 0);
    SequenceLogps.Scored scored = SequenceLogps.scored(policy, batch, manager);
    NDArray all = scored.logps();
    PairLogps policyLogps =
        new PairLogps(
            all.get(new NDIndex(":{}", n)),
            all.get(new NDIndex("{}:", n)),
            chosenTokens,
            rejectedTokens);
    PairLogps refLogps =
        new PairLogps(
            values(manager, ref[0], all),
            values(manager, ref[1], all),
            chosenTokens,
            rejectedTokens);
    DpoLoss.Output out = loss.compute(policyLogps, refLogps);
    addLogitMetrics(
        out.metrics(), scored.logitSums(), chosenTokens, rejectedTokens, scored.vocab());
    return new Result(out.loss(), out.metrics(), batch.tokens());
  }

  /**
   * TRL's {@code logits/chosen} and {@code logits/rejected}: the mean of the policy's logits over
   * every vocabulary entry at every position predicting a response token, as TRL's DPOTrainer takes
   * {@code logits[loss_mask].mean()}. Weighted by those entries, so a step's value is the same mean
   * over all its micro-batches' tokens.
   *
   * @param rowLogitSums per row (chosen rows first, then rejected), the sum of those logits
   */
  static void addLogitMetrics(
      MetricSums metrics,
      double[] rowLogitSums,
      int[] chosenTokens,
      int[] rejectedTokens,
      long vocab) {
    int n = chosenTokens.length;
    if (rejectedTokens.length != n || rowLogitSums.length != 2 * n) {
      throw new IllegalArgumentException("need 2 rows per pair, chosen rows first");
    }
    double chosenSum = 0;
    double rejectedSum = 0;
    double chosenCount = 0;
    double rejectedCount = 0;
    for (int i = 0; i < n; i++) {
      chosenSum += rowLogitSums[i];
      rejectedSum += rowLogitSums[n + i];
      chosenCount += (double) chosenTokens[i] * vocab;
      rejectedCount += (double) rejectedTokens[i] * vocab;
    }
    metrics.add(MetricNames.LOGITS_CHOSEN, chosenSum, chosenCount);
    metrics.add(MetricNames.LOGITS_REJECTED, rejectedSum, rejectedCount);
  }

  private static NDArray values(NDManager manager, double[] v, NDArray like) {
    try (NDArray wrapped = manager.create(v)) {
      return wrapped.toType(like.getDataType(), true); // a native copy, safe in the graph
    }
  }
}
