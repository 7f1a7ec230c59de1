package org.c2lab.train.dpo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.c2lab.train.batch.SequenceBatch;
import org.c2lab.train.batch.SequenceLogps;
import org.c2lab.train.batch.TokenizedPair;
import org.c2lab.train.batch.TokenizedSequence;
import org.c2lab.train.lora.LoraAdapters;
import org.c2lab.train.model.CausalLm;

/**
 * Reference log-probabilities computed when asked: from the policy's own network with its LoRA
 * adapters switched off (no second copy), or from a separately loaded frozen copy for full
 * fine-tuning. Results are plain values: nothing of it enters the policy's graph.
 */
public final class LiveReference implements ReferenceModel {
  private final CausalLm network;
  private final LoraAdapters adapters;
  private final List<TokenizedPair> pairs;
  private final NDManager manager;

  /**
   * @param network the reference network (frozen)
   * @param adapters adapters to switch off while it runs, or null
   * @param manager where inputs are created
   */
  public LiveReference(
      CausalLm network, LoraAdapters adapters, List<TokenizedPair> pairs, NDManager manager) {
    this.network = Objects.requireNonNull(network, "network");
    this.adapters = adapters;
    this.pairs = List.copyOf(pairs);
    this.manager = Objects.requireNonNull(manager, "manager");
  }

  @Override
  public double[][] logps(int[] indices) {
    boolean wasEnabled = adapters != null && adapters.enabled();
    if (adapters != null) {
      adapters.setEnabled(false);
    }
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      List<TokenizedSequence> rows = new ArrayList<>();
      for (int i : indices) {
        rows.add(pairs.get(i).chosen());
      }
      for (int i : indices) {
        rows.add(pairs.get(i).rejected());
      }
      NDArray all = SequenceLogps.of(network, new SequenceBatch(rows, 0), manager).stopGradient();
      double[] values = DpoLoss.doubles(all);
      double[][] out = new double[2][indices.length];
      System.arraycopy(values, 0, out[0], 0, indices.length);
      System.arraycopy(values, indices.length, out[1], 0, indices.length);
      return out;
    } finally {
      if (adapters != null) {
        adapters.setEnabled(wasEnabled);
      }
    }
  }

  /** Every pair's values, in batches of {@code batchSize}: what {@link ReferenceCache} stores. */
  public CachedReference computeAll(int batchSize) {
    int n = pairs.size();
    double[] chosen = new double[n];
    double[] rejected = new double[n];
    for (int from = 0; from < n; from += batchSize) {
      int[] idx = new int[Math.min(batchSize, n - from)];
      for (int i = 0; i < idx.length; i++) {
        idx[i] = from + i;
      }
      double[][] v = logps(idx);
      System.arraycopy(v[0], 0, chosen, from, idx.length);
      System.arraycopy(v[1], 0, rejected, from, idx.length);
    }
    return new CachedReference(chosen, rejected);
  }
}
