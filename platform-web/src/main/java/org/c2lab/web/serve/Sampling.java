package org.c2lab.web.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import org.c2lab.core.model.SamplingParams;

/**
 * The decoding fields shared by both endpoints, read into core's {@link SamplingParams}: {@code
 * temperature} (0 is greedy), {@code top_p}, {@code top_k} (vLLM's; -1 or 0 is no cut), {@code
 * max_tokens}, {@code stop}, {@code stop_token_ids} (vLLM's), {@code n} and {@code seed}.
 *
 * <p>Sample {@code i} of a request is drawn with seed {@code seed + i}, so a request with {@code n:
 * 1, seed: s + i} gives the same sample as choice {@code i} of the request with {@code seed: s}.
 * Without a seed, the server draws one at random.
 *
 * @param params the decoding parameters
 * @param n samples per prompt
 * @param seed the seed of the first sample
 */
record Sampling(SamplingParams params, int n, long seed) {
  /** OpenAI's defaults are 1 for both; the server follows them. */
  static final double DEFAULT_TEMPERATURE = 1.0;

  static final int MAX_N = 128;

  /** Options the server does not implement, refused unless they hold their neutral value. */
  private record Unsupported(String field, Predicate<JsonNode> neutral, String why) {}

  private static final List<Unsupported> UNSUPPORTED =
      List.of(
          new Unsupported(
              "stream", v -> v.isBoolean() && !v.booleanValue(), "streaming is not supported"),
          new Unsupported(
              "presence_penalty", v -> v.isNumber() && v.doubleValue() == 0, "not supported"),
          new Unsupported(
              "frequency_penalty", v -> v.isNumber() && v.doubleValue() == 0, "not supported"),
          new Unsupported(
              "repetition_penalty", v -> v.isNumber() && v.doubleValue() == 1, "not supported"),
          new Unsupported("logit_bias", v -> v.isObject() && v.isEmpty(), "not supported"),
          new Unsupported("suffix", v -> v.isTextual() && v.asText().isEmpty(), "not supported"),
          new Unsupported(
              "tools", v -> v.isArray() && v.isEmpty(), "tool calls are not supported"));

  Sampling {
    Objects.requireNonNull(params, "params");
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, was " + n);
    }
  }

  /**
   * Reads the decoding fields.
   *
   * @param defaultMaxTokens {@code max_tokens} when the request has none
   */
  static Sampling read(JsonFields f, int defaultMaxTokens) {
    for (Unsupported u : UNSUPPORTED) {
      f.node(u.field)
          .filter(u.neutral.negate())
          .ifPresent(
              v -> {
                throw ApiException.invalid(u.field, "'" + u.field + "': " + u.why);
              });
    }
    int maxTokens =
        f.integer("max_completion_tokens", 1, Integer.MAX_VALUE)
            .or(() -> f.integer("max_tokens", 1, Integer.MAX_VALUE))
            .orElse(defaultMaxTokens);
    double temperature = f.number("temperature").orElse(DEFAULT_TEMPERATURE);
    if (!Double.isFinite(temperature) || temperature < 0) {
      throw ApiException.invalid(
          "temperature", "'temperature' must be >= 0 (0 is greedy), got " + temperature);
    }
    double topP = f.number("top_p").orElse(1.0);
    if (!(topP > 0 && topP <= 1)) {
      throw ApiException.invalid("top_p", "'top_p' must be in (0, 1], got " + topP);
    }
    int topK = f.integer("top_k", -1, Integer.MAX_VALUE).orElse(0);
    List<String> stop = f.stringOrStrings("stop");
    if (stop.stream().anyMatch(String::isEmpty)) {
      throw ApiException.invalid("stop", "'stop' must not hold an empty string");
    }
    List<Integer> stopIds = f.integers("stop_token_ids", 0, Integer.MAX_VALUE);
    int n = f.integer("n", 1, MAX_N).orElse(1);
    long seed = f.integer("seed").orElseGet(() -> ThreadLocalRandom.current().nextLong());
    SamplingParams.Builder b =
        temperature == 0
            ? SamplingParams.builder().greedy()
            : SamplingParams.builder().temperature(temperature).topP(topP).topK(Math.max(0, topK));
    SamplingParams params =
        b.maxNewTokens(maxTokens).stopStrings(stop).stopTokenIds(stopIds).build();
    return new Sampling(params, n, seed);
  }

  /** One seed per sample: {@code seed, seed + 1, ...}. */
  List<Long> seeds() {
    return LongStream.range(0, n).map(i -> seed + i).boxed().toList();
  }
}
