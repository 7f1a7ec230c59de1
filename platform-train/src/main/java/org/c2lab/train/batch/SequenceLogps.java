package org.c2lab.train.batch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
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
   * {@code [rows]} summed log-probabilities of each row's response tokens, in the ids' manager.
   *
   * @param manager where the input arrays are made (run inside an {@code NDScope})
   */
  public static NDArray of(CausalLm model, SequenceBatch batch, NDManager manager) {
    int rows = batch.rows();
    int width = batch.width();
    NDArray ids = manager.create(batch.ids(), new Shape(rows, width));
    NDArray logits = model.forward(ids, null, false);
    NDArray logp = logits.get(new NDIndex(":, :-1, :")).logSoftmax(-1);
    NDArray labels = ids.get(new NDIndex(":, 1:")).expandDims(-1);
    NDArray token = logp.gather(labels, 2).squeeze(-1);
    NDArray mask = manager.create(batch.labelMask(), new Shape(rows, width - 1));
    return NDArrays.where(mask, token, Scalars.like(token, 0)).sum(new int[] {1});
  }
}
