package org.c2lab.train.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Objects;

/**
 * What a {@link Trainer} minimises: the loss of a micro-batch of examples (data-set indices). DPO
 * and SFT are objectives; the loop, optimizer, schedule and checkpoints are shared.
 */
public interface Objective {

  /**
   * The micro-batch's share of its step: the step's loss is the weighted mean of its micro-batches'
   * losses (DPO: pairs, so every pair counts once; SFT: response tokens, as Hugging Face averages
   * token losses).
   */
  double weight(int[] indices);

  /**
   * Runs the micro-batch inside the trainer's gradient collector and {@code NDScope}.
   *
   * @param manager where inputs are created
   */
  Result forward(int[] indices, NDManager manager);

  /**
   * A micro-batch's outcome.
   *
   * @param loss the micro-batch's mean loss, a scalar carrying the graph
   * @param metrics its metrics, each weighted so that sums over micro-batches give step means
   * @param tokens real tokens the policy read (for tokens per second)
   */
  record Result(NDArray loss, MetricSums metrics, long tokens) {
    public Result {
      Objects.requireNonNull(loss, "loss");
      Objects.requireNonNull(metrics, "metrics");
    }
  }
}
