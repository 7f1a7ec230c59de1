package org.c2lab.train.generation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.Arrays;
import java.util.Set;
import org.c2lab.train.model.CausalLm;
import org.c2lab.train.model.KvCache;

/**
 * Greedy (argmax) decoding of one sequence, with or without the KV cache. The cache path feeds the
 * prompt once and then one token per step; the no-cache path re-runs the whole sequence each step
 * (slow; a reference for the cache). Each step runs in its own {@link NDScope}.
 */
public final class GreedyDecoder {
  private final CausalLm model;
  private final NDManager manager;

  /** Why generation ended. */
  public enum FinishReason {
    /** A stop token was produced (it is not part of the output). */
    STOP,
    /** The token budget was used up. */
    LENGTH
  }

  /**
   * A finished generation.
   *
   * @param tokenIds the generated ids (prompt and stop token excluded)
   * @param finishReason why it ended
   * @param nanos wall time of the whole generation
   */
  public record Result(long[] tokenIds, FinishReason finishReason, long nanos) {
    public Result {
      tokenIds = tokenIds.clone();
    }

    @Override
    public long[] tokenIds() {
      return tokenIds.clone();
    }

    /** Generated tokens per second. */
    public double tokensPerSecond() {
      return tokenIds.length / (nanos / 1e9);
    }
  }

  /** A decoder over {@code model}, creating inputs with {@code manager}. */
  public GreedyDecoder(CausalLm model, NDManager manager) {
    this.model = model;
    this.manager = manager;
  }

  /**
   * Generates up to {@code maxNewTokens} after {@code promptIds}, stopping at any of {@code
   * stopIds}.
   */
  public Result generate(long[] promptIds, int maxNewTokens, Set<Long> stopIds, boolean useCache) {
    if (promptIds.length == 0) {
      throw new IllegalArgumentException("empty prompt");
    }
    long start = System.nanoTime();
    long[] out = new long[maxNewTokens];
    int n = 0;
    FinishReason reason = FinishReason.LENGTH;
    KvCache cache = useCache ? model.newCache(1, promptIds.length + maxNewTokens) : null;
    try {
      long[] sequence = Arrays.copyOf(promptIds, promptIds.length + maxNewTokens);
      long[] feed = promptIds;
      while (n < maxNewTokens) {
        long next =
            argmaxAfter(useCache ? feed : Arrays.copyOf(sequence, promptIds.length + n), cache);
        if (stopIds.contains(next)) {
          reason = FinishReason.STOP;
          break;
        }
        out[n++] = next;
        sequence[promptIds.length + n - 1] = next;
        feed = new long[] {next};
      }
    } finally {
      if (cache != null) {
        cache.close();
      }
    }
    return new Result(Arrays.copyOf(out, n), reason, System.nanoTime() - start);
  }

  private long argmaxAfter(long[] ids, KvCache cache) {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray input = manager.create(ids).reshape(1, ids.length);
      NDArray logits = model.forward(input, cache, true);
      return logits.argMax(-1).toLongArray()[0];
    }
  }
}
