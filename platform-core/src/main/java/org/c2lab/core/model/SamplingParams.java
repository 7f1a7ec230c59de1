package org.c2lab.core.model;

import java.util.List;
import java.util.Objects;

/**
 * How to pick each next token: greedy (argmax) or sampling with temperature, nucleus (top-p) and
 * top-k truncation; when to stop. Seeds are per sample and live in {@link GenerationRequest}, so
 * one parameter set serves every request of a run.
 *
 * @param greedy pick the most probable token; temperature, topP and topK are then ignored
 * @param temperature logits are divided by it before the softmax; > 0 unless greedy
 * @param topP keep the smallest set of most probable tokens whose mass reaches topP; in (0, 1]
 * @param topK keep only the k most probable tokens; 0 disables the cut
 * @param maxNewTokens generation stops after this many tokens; >= 1
 * @param stopStrings generation stops before the first occurrence of any of these (not included)
 * @param stopTokenIds generation stops at any of these tokens (not included), besides end-of-text
 */
public record SamplingParams(
    boolean greedy,
    double temperature,
    double topP,
    int topK,
    int maxNewTokens,
    List<String> stopStrings,
    List<Integer> stopTokenIds) {

  /** The C2-Eval decoding of the protocol: temperature 0.8, top-p 0.7, at most 32 new tokens. */
  public static final double C2_EVAL_TEMPERATURE = 0.8;

  public static final double C2_EVAL_TOP_P = 0.7;
  public static final int C2_EVAL_MAX_NEW_TOKENS = 32;

  public SamplingParams {
    if (!Double.isFinite(temperature) || temperature < 0 || (!greedy && temperature == 0)) {
      throw new IllegalArgumentException(
          "temperature must be > 0 when sampling (use greedy instead of 0), was " + temperature);
    }
    if (!(topP > 0 && topP <= 1)) {
      throw new IllegalArgumentException("topP must be in (0, 1], was " + topP);
    }
    if (topK < 0) {
      throw new IllegalArgumentException("topK must be >= 0 (0 = no cut), was " + topK);
    }
    if (maxNewTokens < 1) {
      throw new IllegalArgumentException("maxNewTokens must be >= 1, was " + maxNewTokens);
    }
    stopStrings = List.copyOf(stopStrings);
    stopTokenIds = List.copyOf(stopTokenIds);
    if (stopStrings.stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException("stop strings must not be empty");
    }
    if (stopTokenIds.stream().anyMatch(id -> id < 0)) {
      throw new IllegalArgumentException("stop token ids must be >= 0: " + stopTokenIds);
    }
  }

  /** The protocol's C2-Eval decoding: sampling at temperature 0.8, top-p 0.7, 32 new tokens. */
  public static SamplingParams c2Eval() {
    return builder()
        .temperature(C2_EVAL_TEMPERATURE)
        .topP(C2_EVAL_TOP_P)
        .maxNewTokens(C2_EVAL_MAX_NEW_TOKENS)
        .build();
  }

  /** Greedy decoding of at most {@code maxNewTokens} tokens. */
  public static SamplingParams greedy(int maxNewTokens) {
    return builder().greedy().maxNewTokens(maxNewTokens).build();
  }

  /** A builder starting from sampling at temperature 1, no truncation, 16 new tokens. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these parameters. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.greedy = greedy;
    b.temperature = temperature;
    b.topP = topP;
    b.topK = topK;
    b.maxNewTokens = maxNewTokens;
    b.stopStrings = stopStrings;
    b.stopTokenIds = stopTokenIds;
    return b;
  }

  /** Builds {@link SamplingParams}; validation happens in {@link #build()}. */
  public static final class Builder {
    private boolean greedy;
    private double temperature = 1.0;
    private double topP = 1.0;
    private int topK;
    private int maxNewTokens = 16;
    private List<String> stopStrings = List.of();
    private List<Integer> stopTokenIds = List.of();

    private Builder() {}

    /** Greedy decoding; sets temperature to 0 to make that visible in logs. */
    public Builder greedy() {
      this.greedy = true;
      this.temperature = 0;
      return this;
    }

    /** Sampling at {@code temperature} (> 0). */
    public Builder temperature(double temperature) {
      this.greedy = false;
      this.temperature = temperature;
      return this;
    }

    public Builder topP(double topP) {
      this.topP = topP;
      return this;
    }

    public Builder topK(int topK) {
      this.topK = topK;
      return this;
    }

    public Builder maxNewTokens(int maxNewTokens) {
      this.maxNewTokens = maxNewTokens;
      return this;
    }

    public Builder stopStrings(List<String> stopStrings) {
      this.stopStrings = Objects.requireNonNull(stopStrings, "stopStrings");
      return this;
    }

    public Builder stopTokenIds(List<Integer> stopTokenIds) {
      this.stopTokenIds = Objects.requireNonNull(stopTokenIds, "stopTokenIds");
      return this;
    }

    public SamplingParams build() {
      return new SamplingParams(
          greedy, temperature, topP, topK, maxNewTokens, stopStrings, stopTokenIds);
    }
  }
}
