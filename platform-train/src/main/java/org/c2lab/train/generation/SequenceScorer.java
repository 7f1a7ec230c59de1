package org.c2lab.train.generation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.c2lab.core.model.Score;
import org.c2lab.core.model.ScoreRequest;
import org.c2lab.core.model.TokenPrompt;
import org.c2lab.train.model.CausalLm;

/**
 * Log-probabilities of continuations after prompts: each batch of prompt + continuation rows is
 * right-padded (causal attention never lets a real token see the padding after it, so no mask is
 * needed) and run in one forward pass without a cache; {@code logSoftmax} over the vocabulary at
 * every position, then the log-probability of each continuation token is gathered from the position
 * before it. Rows are batched until their logits would exceed a budget of floats.
 *
 * <p>Used by DPO's reference pass and multiple-choice scoring. Not thread-safe: callers serialise.
 */
public final class SequenceScorer {
  /** Default budget: 2^25 logits (128 MB of F32) per batch. */
  public static final long DEFAULT_MAX_LOGITS = 1L << 25;

  private final CausalLm model;
  private final NDManager manager;
  private final long maxLogits;

  /** A scorer over {@code model} with the default logits budget. */
  public SequenceScorer(CausalLm model, NDManager manager) {
    this(model, manager, DEFAULT_MAX_LOGITS);
  }

  /** A scorer batching rows while rows x length x vocabulary stays within {@code maxLogits}. */
  public SequenceScorer(CausalLm model, NDManager manager, long maxLogits) {
    if (maxLogits < 1) {
      throw new IllegalArgumentException("maxLogits must be >= 1, was " + maxLogits);
    }
    this.model = model;
    this.manager = manager;
    this.maxLogits = maxLogits;
  }

  /**
   * Scores token continuations; every prompt and continuation must be a {@link TokenPrompt} and
   * every prompt non-empty (the first continuation token needs a token before it).
   *
   * @return per request, in order, the natural-log probability of each continuation token
   */
  public List<Score> score(List<ScoreRequest> requests) {
    int[][] prompts = new int[requests.size()][];
    int[][] continuations = new int[requests.size()][];
    for (int r = 0; r < requests.size(); r++) {
      prompts[r] = tokens(requests.get(r).prompt(), "prompt");
      continuations[r] = tokens(requests.get(r).continuation(), "continuation");
      check(prompts[r], continuations[r]);
    }
    List<Score> out = new ArrayList<>(requests.size());
    long vocab = model.config().vocabSize();
    int from = 0;
    while (from < requests.size()) {
      int to = from + 1;
      int width = prompts[from].length + continuations[from].length;
      while (to < requests.size()) {
        int w = Math.max(width, prompts[to].length + continuations[to].length);
        if ((long) (to - from + 1) * w * vocab > maxLogits) {
          break;
        }
        width = w;
        to++;
      }
      out.addAll(scoreBatch(prompts, continuations, from, to, width));
      from = to;
    }
    return out;
  }

  private List<Score> scoreBatch(
      int[][] prompts, int[][] continuations, int from, int to, int width) {
    int rows = to - from;
    long[] ids = new long[rows * width];
    for (int b = 0; b < rows; b++) {
      int[] p = prompts[from + b];
      int[] c = continuations[from + b];
      int at = b * width;
      for (int id : p) {
        ids[at++] = id;
      }
      for (int id : c) {
        ids[at++] = id;
      }
      while (at < (b + 1) * width) {
        ids[at++] = c[c.length - 1]; // padding after the row: unseen by it, never read
      }
    }
    float[] logProbs;
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray input = manager.create(ids, new Shape(rows, width));
      NDArray logits = model.forward(input, null, false);
      // Position t predicts token t + 1.
      NDArray predicted = logits.get(new NDIndex(":, :-1, :")).logSoftmax(-1);
      NDArray targets = input.get(new NDIndex(":, 1:")).expandDims(-1);
      logProbs = predicted.gather(targets, -1).toFloatArray(); // [rows, width - 1]
    }
    List<Score> out = new ArrayList<>(rows);
    for (int b = 0; b < rows; b++) {
      int[] c = continuations[from + b];
      double[] perToken = new double[c.length];
      // Continuation token t sits at index |prompt| + t and is predicted from the one before.
      int first = b * (width - 1) + prompts[from + b].length - 1;
      for (int t = 0; t < c.length; t++) {
        perToken[t] = logProbs[first + t];
      }
      out.add(Score.of(perToken));
    }
    return out;
  }

  private static int[] tokens(org.c2lab.core.model.Prompt prompt, String what) {
    if (!(prompt instanceof TokenPrompt t)) {
      throw new IllegalArgumentException("the scorer takes token ids; tokenize the " + what);
    }
    return t.tokenIds();
  }

  private void check(int[] prompt, int[] continuation) {
    if (prompt.length == 0) {
      throw new IllegalArgumentException(
          "empty prompt: the first continuation token needs a token before it (start with BOS)");
    }
    int vocab = model.config().vocabSize();
    for (int[] part : new int[][] {prompt, continuation}) {
      for (int id : part) {
        if (id >= vocab) {
          throw new IllegalArgumentException(
              "token id " + id + " outside the vocabulary of " + vocab);
        }
      }
    }
    int context = model.config().maxPositionEmbeddings();
    if (prompt.length + continuation.length > context) {
      throw new IllegalArgumentException(
          prompt.length
              + " prompt + "
              + continuation.length
              + " continuation tokens exceed the model's context of "
              + context);
    }
  }
}
