package org.c2lab.train.generation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.c2lab.core.model.Generation;
import org.c2lab.core.model.GenerationRequest;
import org.c2lab.core.model.TokenPrompt;
import org.c2lab.train.model.CausalLm;
import org.c2lab.train.model.KvCache;

/**
 * Batched sampling with a KV cache. Requests are cut into batches of at most {@code maxRows}
 * samples ({@link BatchPlan}). In a batch, the distinct prompts are left-padded to one length and
 * run once (prefill); the cache is then copied to one row per sample, so the n samples of a prompt
 * share its computation; each step feeds every row's last token. Rows that finish stay in the batch
 * until half of the rows have finished, then the cache is compacted to the live rows.
 *
 * <p>Reproducibility: each sample draws from its own {@link java.util.SplittableRandom} seeded with
 * its seed, on the CPU copy of its row's last-position probabilities, so the batch a sample runs in
 * changes neither its random stream nor (left padding is masked and rotary positions are per row)
 * what the model computes for it; only float rounding of batched matrix products can differ, by
 * about 1e-6 in a logit.
 *
 * <p>Native memory: every step runs in its own {@link NDScope}; caches are closed as soon as they
 * are replaced. Not thread-safe: callers serialise.
 */
public final class BatchSampler {
  /** Default most samples decoded together. */
  public static final int DEFAULT_MAX_ROWS = 32;

  private final CausalLm model;
  private final NDManager manager;
  private final Detokenizer detokenizer;
  private final boolean decodesText;
  private final Set<Integer> endOfTextIds;
  private final int maxRows;

  private BatchSampler(Builder b) {
    this.model = b.model;
    this.manager = b.manager;
    // Without a tokenizer there is no text: samples carry token ids only.
    this.detokenizer = b.detokenizer != null ? b.detokenizer : (prompt, generated) -> "";
    this.decodesText = b.detokenizer != null;
    this.endOfTextIds = Set.copyOf(b.endOfTextIds);
    this.maxRows = b.maxRows;
  }

  /** A builder for a sampler over {@code model}, creating inputs with {@code manager}. */
  public static Builder builder(CausalLm model, NDManager manager) {
    return new Builder(model, manager);
  }

  /**
   * Generates each request's samples; every prompt must be a {@link TokenPrompt}.
   *
   * @return per request, its {@code n} samples in seed order
   * @throws IllegalArgumentException for a text or empty prompt, an id outside the vocabulary, or a
   *     prompt plus max new tokens longer than the model's context
   */
  public List<List<Generation>> generate(List<GenerationRequest> requests) {
    int[][] prompts = new int[requests.size()][];
    for (int r = 0; r < requests.size(); r++) {
      prompts[r] = checkedPrompt(requests.get(r));
    }
    Generation[][] out = new Generation[requests.size()][];
    for (int r = 0; r < requests.size(); r++) {
      out[r] = new Generation[requests.get(r).n()];
    }
    int context = model.config().maxPositionEmbeddings();
    for (BatchPlan.Batch batch : BatchPlan.of(requests, prompts, maxRows, context)) {
      run(batch, requests, prompts, out);
    }
    List<List<Generation>> result = new ArrayList<>(out.length);
    for (Generation[] g : out) {
      result.add(List.of(g));
    }
    return result;
  }

  private int[] checkedPrompt(GenerationRequest request) {
    if (!(request.prompt() instanceof TokenPrompt tokens)) {
      throw new IllegalArgumentException("the sampler takes token prompts; tokenize text first");
    }
    int[] ids = tokens.tokenIds();
    if (!decodesText && !request.params().stopStrings().isEmpty()) {
      throw new IllegalArgumentException("stop strings need a tokenizer to decode text");
    }
    if (ids.length == 0) {
      throw new IllegalArgumentException("empty prompt: nothing to continue (start with BOS)");
    }
    int vocab = model.config().vocabSize();
    for (int id : ids) {
      if (id >= vocab) {
        throw new IllegalArgumentException(
            "token id " + id + " outside the vocabulary of " + vocab);
      }
    }
    int context = model.config().maxPositionEmbeddings();
    int needed = ids.length + request.params().maxNewTokens();
    if (needed > context) {
      throw new IllegalArgumentException(
          ids.length
              + " prompt tokens + "
              + request.params().maxNewTokens()
              + " new tokens exceed the model's context of "
              + context);
    }
    return ids;
  }

  private void run(
      BatchPlan.Batch batch,
      List<GenerationRequest> requests,
      int[][] prompts,
      Generation[][] out) {
    long start = System.nanoTime();
    int[] prefillRequests = batch.requests();
    int prefillRows = prefillRequests.length;
    int width = 0;
    int maxNew = 0;
    for (int r : prefillRequests) {
      width = Math.max(width, prompts[r].length);
      maxNew = Math.max(maxNew, requests.get(r).params().maxNewTokens());
    }
    int[] padding = new int[prefillRows];
    long[] ids = new long[prefillRows * width];
    TokenSampler[] rowSamplers = new TokenSampler[prefillRows];
    for (int row = 0; row < prefillRows; row++) {
      int[] p = prompts[prefillRequests[row]];
      padding[row] = width - p.length;
      // Padding positions are masked; any valid id will do.
      Arrays.fill(ids, row * width, row * width + padding[row], p[0]);
      for (int i = 0; i < p.length; i++) {
        ids[row * width + padding[row] + i] = p[i];
      }
      rowSamplers[row] = TokenSampler.of(requests.get(prefillRequests[row]).params());
    }

    BatchPlan.Slot[] slots = batch.slots();
    SampleState[] samples = new SampleState[slots.length];
    int[] rowOfSample = new int[slots.length];
    for (int s = 0; s < slots.length; s++) {
      GenerationRequest q = requests.get(slots[s].request());
      samples[s] =
          new SampleState(
              prompts[slots[s].request()],
              q.params(),
              q.seeds().get(slots[s].sample()),
              endOfTextIds,
              detokenizer);
      rowOfSample[s] = slots[s].prefillRow();
    }

    KvCache cache = model.newCache(prefillRows, width + maxNew);
    try {
      Step first = step(ids, prefillRows, width, padding, cache, rowSamplers);
      for (int s = 0; s < samples.length; s++) {
        samples[s].step(first.row(rowOfSample[s]));
      }
      // One cache row per sample from here on (a copy, unless that is what the prefill holds).
      int[] rows = rowOfSample;
      if (!isIdentity(rows, prefillRows)) {
        KvCache expanded = cache.selectRows(rows);
        cache.close();
        cache = expanded;
      }
      int[] sampleAt = identity(samples.length);
      int[] pad = new int[samples.length];
      for (int s = 0; s < samples.length; s++) {
        pad[s] = padding[rowOfSample[s]];
      }
      while (true) {
        int[] live = liveRows(sampleAt, samples);
        if (live.length == 0) {
          break;
        }
        if (live.length <= sampleAt.length / 2) {
          KvCache compact = cache.selectRows(live);
          cache.close();
          cache = compact;
          sampleAt = pick(sampleAt, live);
          pad = pick(pad, live);
        }
        long[] feed = new long[sampleAt.length];
        TokenSampler[] samplers = new TokenSampler[sampleAt.length];
        for (int row = 0; row < sampleAt.length; row++) {
          feed[row] = samples[sampleAt[row]].lastPicked();
          samplers[row] = samples[sampleAt[row]].sampler();
        }
        Step next = step(feed, sampleAt.length, 1, pad, cache, samplers);
        for (int row = 0; row < sampleAt.length; row++) {
          if (!samples[sampleAt[row]].finished()) {
            samples[sampleAt[row]].step(next.row(row));
          }
        }
      }
    } finally {
      cache.close();
    }
    long share = (System.nanoTime() - start) / samples.length;
    for (int s = 0; s < samples.length; s++) {
      out[slots[s].request()][slots[s].sample()] = samples[s].result(share);
    }
  }

  /** One forward step and what the rows' samplers need of it, copied to the CPU. */
  private Step step(
      long[] ids, int rows, int tokens, int[] padding, KvCache cache, TokenSampler[] samplers) {
    boolean anyGreedy = false;
    boolean anySampling = false;
    float[] temperatures = new float[rows];
    for (int row = 0; row < rows; row++) {
      anyGreedy |= !samplers[row].usesProbabilities();
      anySampling |= samplers[row].usesProbabilities();
      temperatures[row] = (float) samplers[row].temperature();
    }
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray input = manager.create(ids, new Shape(rows, tokens));
      NDArray logits = model.forward(input, padding, cache, true);
      int vocab = (int) logits.getShape().get(1);
      int[] argmax = anyGreedy ? toInts(logits.argMax(-1).toLongArray()) : null;
      float[] probabilities = null;
      if (anySampling) {
        NDArray t = manager.create(temperatures, new Shape(rows, 1));
        probabilities = logits.div(t).softmax(-1).toFloatArray();
      }
      return new Step(argmax, probabilities, vocab);
    }
  }

  private record Step(int[] argmax, float[] probabilities, int vocab) {
    TokenSampler.Row row(int row) {
      return new TokenSampler.Row(
          argmax == null ? -1 : argmax[row], probabilities, row * vocab, vocab);
    }
  }

  private static int[] toInts(long[] values) {
    int[] out = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (int) values[i];
    }
    return out;
  }

  private static int[] liveRows(int[] sampleAt, SampleState[] samples) {
    return java.util.stream.IntStream.range(0, sampleAt.length)
        .filter(row -> !samples[sampleAt[row]].finished())
        .toArray();
  }

  private static int[] pick(int[] values, int[] at) {
    int[] out = new int[at.length];
    for (int i = 0; i < at.length; i++) {
      out[i] = values[at[i]];
    }
    return out;
  }

  private static int[] identity(int n) {
    return java.util.stream.IntStream.range(0, n).toArray();
  }

  private static boolean isIdentity(int[] rows, int n) {
    return Arrays.equals(rows, identity(n));
  }

  /** Builds a {@link BatchSampler}. */
  public static final class Builder {
    private final CausalLm model;
    private final NDManager manager;
    private Detokenizer detokenizer;
    private Set<Integer> endOfTextIds = Set.of();
    private int maxRows = DEFAULT_MAX_ROWS;

    private Builder(CausalLm model, NDManager manager) {
      this.model = Objects.requireNonNull(model, "model");
      this.manager = Objects.requireNonNull(manager, "manager");
    }

    /**
     * How samples' text is made. Without one, samples have empty text and stop strings are refused.
     */
    public Builder detokenizer(Detokenizer detokenizer) {
      this.detokenizer = Objects.requireNonNull(detokenizer, "detokenizer");
      return this;
    }

    /** The model's end-of-text ids: every sample stops at them, besides its own stop ids. */
    public Builder endOfTextIds(Set<Integer> ids) {
      this.endOfTextIds = Objects.requireNonNull(ids, "ids");
      return this;
    }

    /** Most samples decoded together (bounds the KV cache and the logits copied per step). */
    public Builder maxRows(int maxRows) {
      if (maxRows < 1) {
        throw new IllegalArgumentException("maxRows must be >= 1, was " + maxRows);
      }
      this.maxRows = maxRows;
      return this;
    }

    public BatchSampler build() {
      return new BatchSampler(this);
    }
  }
}
