package org.c2lab.train.batch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Objects;
import org.c2lab.train.autograd.Scalars;
import org.c2lab.train.model.CausalLm;

/**
 * Sequence log-probabilities of the response tokens of a {@link SequenceBatch} under a model, in
 * one forward pass: {@code sum_t log p(x_{t+1} | x_{<=t})} over response positions, prompt and
 * padding masked by {@code where} (a product would turn {@code -inf * 0} into NaN). Under a
 * gradient collector the result carries the graph; outside one it is a plain value.
 */
public final class SequenceLogps {
  private SequenceLogps() {}

  /**
   * Log-probabilities with the raw logits behind them summed, for TRL's {@code logits/*} metrics.
   *
   * @param logps {@code [rows]} summed response log-probabilities (carrying the graph, if any)
   * @param logitSums per row, the sum of every vocabulary entry of the logits at the positions that
   *     predict a response token (outside the graph)
   * @param vocab vocabulary size, so that {@code logitSums[r] / (responseTokens[r] * vocab)} is the
   *     row's mean logit
   */
  public record Scored(NDArray logps, double[] logitSums, long vocab) {
    public Scored {
      Objects.requireNonNull(logps, "logps");
      if (logitSums.length != logps.getShape().size()) {
        throw new IllegalArgumentException("one logit sum per row is needed");
      }
      if (vocab <= 0) {
        throw new IllegalArgumentException("vocab must be positive, got " + vocab);
      }
      logitSums = logitSums.clone();
    }

    @Override
    public double[] logitSums() {
      return logitSums.clone();
    }
  }

  /**
   * {@code [rows]} summed log-probabilities of each row's response tokens, in the ids' manager.
   *
   * @param manager where the input arrays are made (run inside an {@code NDScope})
   */
  public static NDArray of(CausalLm model, SequenceBatch batch, NDManager manager) {
    NDArray ids = ids(batch, manager);
    return logps(model.forward(ids, null, false), ids, mask(batch, manager));
  }

  /**
   * As {@link #of}, plus the per-row sums of the response positions' logits.
   *
   * @param manager where the input arrays are made (run inside an {@code NDScope})
   */
  public static Scored scored(CausalLm model, SequenceBatch batch, NDManager manager) {
    NDArray ids = ids(batch, manager);
    NDArray mask = mask(batch, manager);
    NDArray logits = model.forward(ids, null, false);
    // F32 before the vocabulary sum: an F16 sum over 32k entries can overflow.
    NDArray perPosition =
        logits
            .stopGradient()
            .get(new NDIndex(":, :-1, :"))
            .toType(DataType.FLOAT32, false)
            .sum(new int[] {2});
    NDArray rowSums =
        NDArrays.where(mask, perPosition, Scalars.like(perPosition, 0))
            .sum(new int[] {1})
            .toType(DataType.FLOAT64, false);
    long vocab = logits.getShape().get(2);
    return new Scored(logps(logits, ids, mask), rowSums.toDoubleArray(), vocab);
  }

  private static NDArray ids(SequenceBatch batch, NDManager manager) {
    return manager.create(batch.ids(), new Shape(batch.rows(), batch.width()));
  }

  private static NDArray mask(SequenceBatch batch, NDManager manager) {
    return manager.create(batch.labelMask(), new Shape(batch.rows(), batch.width() - 1));
  }

  private static NDArray logps(NDArray logits, NDArray ids, NDArray mask) {
    NDArray logp = logits.get(new NDIndex(":, :-1, :")).logSoftmax(-1);
    NDArray labels = ids.get(new NDIndex(":, 1:")).expandDims(-1);
    NDArray token = logp.gather(labels, 2).squeeze(-1);
    return NDArrays.where(mask, token, Scalars.like(token, 0)).sum(new int[] {1});
  }
}
