package org.c2lab.train.sft;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.c2lab.core.metrics.MetricNames;
import org.c2lab.train.autograd.Scalars;
import org.c2lab.train.batch.SequenceBatch;
import org.c2lab.train.batch.SequenceLogps;
import org.c2lab.train.batch.TokenizedSequence;
import org.c2lab.train.model.CausalLm;
import org.c2lab.train.training.MetricSums;
import org.c2lab.train.training.Objective;

/**
 * Supervised fine-tuning as a training {@link Objective}: the negative log-likelihood of the
 * response tokens (prompt and padding masked), averaged over tokens as Hugging Face's causal-LM
 * loss is, so every response token of a step weighs the same whatever its micro-batch.
 */
public final class SftObjective implements Objective {
  private final CausalLm policy;
  private final List<TokenizedSequence> examples;

  /** SFT of {@code policy} on {@code examples} (indexed as the plan indexes them). */
  public SftObjective(CausalLm policy, List<TokenizedSequence> examples) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.examples = List.copyOf(examples);
  }

  @Override
  public double weight(int[] indices) {
    long tokens = 0;
    for (int i : indices) {
      tokens += examples.get(i).response().length;
    }
    return tokens;
  }

  @Override
  public Result forward(int[] indices, NDManager manager) {
    List<TokenizedSequence> rows = new ArrayList<>(indices.length);
    for (int i : indices) {
      rows.add(examples.get(i));
    }
    SequenceBatch batch = new SequenceBatch(rows, 0);
    NDArray logps = SequenceLogps.of(policy, batch, manager);
    double tokens = weight(indices);
    NDArray loss = logps.sum().neg().div(Scalars.like(logps, tokens));
    double value = loss.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
    MetricSums m = new MetricSums().add(MetricNames.LOSS, value * tokens, tokens);
    return new Result(loss, m, batch.tokens());
  }
}
