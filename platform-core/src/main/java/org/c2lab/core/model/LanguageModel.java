package org.c2lab.core.model;

import java.util.List;

/**
 * A language model that generates and scores, local or remote.
 *
 * <p>Contract (checked by the {@code LanguageModelContract} test suite): the same prompt,
 * parameters and seed give the same sample, whatever else is in the batch; {@link
 * SamplingParams#maxNewTokens()} and stop strings are respected; every sample has a finish reason;
 * a batch gives the same results as its requests one by one; a score's sum is the sum of its
 * per-token log-probabilities. Prompts of a kind the {@link #capabilities()} exclude are rejected
 * with {@link IllegalArgumentException}. Implementations are thread-safe.
 */
public interface LanguageModel extends AutoCloseable {
  /** A stable identifier of the model and backend, recorded in provenance. */
  String id();

  /** What this model accepts and supports. */
  Capabilities capabilities();

  /**
   * Generates samples for each request.
   *
   * @return per request, in order, its {@code n} samples in seed order
   */
  List<List<Generation>> generate(List<GenerationRequest> requests);

  /**
   * Scores continuations. Models whose capabilities exclude scoring keep this default, which
   * throws.
   *
   * @return one score per request, in order
   * @throws UnsupportedOperationException when the model cannot score
   */
  default List<Score> score(List<ScoreRequest> requests) {
    throw new UnsupportedOperationException(id() + " does not support scoring");
  }

  /** Releases native memory, connections or threads; idempotent. */
  @Override
  void close();
}
