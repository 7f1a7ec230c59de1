package org.c2lab.eval.judge.llm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.c2lab.core.provenance.Sha256;
import org.c2lab.eval.openai.OpenAiClientConfig;

/**
 * Settings of the LLM judge; the defaults are the paper's (c2-protocol.md): system prompt "You are
 * a helpful assistant.", temperature 0, at most 2 tokens, seed 42, on the reference model {@value
 * #REFERENCE_MODEL} (the model name itself comes from {@link #client()}).
 *
 * @param client the chat endpoint, model and API key variable
 * @param systemPrompt the system message
 * @param temperature sampling temperature, >= 0
 * @param maxTokens reply length limit, >= 1
 * @param seed sent as {@code seed}
 * @param prompt the user-message template
 */
public record LlmJudgeConfig(
    OpenAiClientConfig client,
    String systemPrompt,
    double temperature,
    int maxTokens,
    long seed,
    JudgePrompt prompt) {

  /** The reference judge model. */
  public static final String REFERENCE_MODEL = "gpt-4o";

  /** The reference system prompt. */
  public static final String REFERENCE_SYSTEM_PROMPT = "You are a helpful assistant.";

  public LlmJudgeConfig {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(systemPrompt, "systemPrompt");
    if (!Double.isFinite(temperature) || temperature < 0) {
      throw new IllegalArgumentException("temperature must be >= 0, was " + temperature);
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be >= 1, was " + maxTokens);
    }
    Objects.requireNonNull(prompt, "prompt");
  }

  /** The settings as plain values for provenance (the prompt by id, version and hash). */
  public Map<String, Object> provenance() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("client", client.provenance());
    m.put("systemPrompt", systemPrompt);
    m.put("temperature", temperature);
    m.put("maxTokens", maxTokens);
    m.put("seed", seed);
    m.put("promptId", prompt.id());
    m.put("promptVersion", prompt.version());
    m.put("promptSha256", Sha256.of(prompt.template()));
    return m;
  }

  /** The reference settings and the built-in prompt, on {@code client}. */
  public static Builder builder(OpenAiClientConfig client) {
    return new Builder(client);
  }

  /** Builds {@link LlmJudgeConfig}, starting from the reference settings. */
  public static final class Builder {
    private final OpenAiClientConfig client;
    private String systemPrompt = REFERENCE_SYSTEM_PROMPT;
    private double temperature = 0;
    private int maxTokens = 2;
    private long seed = 42;
    private JudgePrompt prompt;

    private Builder(OpenAiClientConfig client) {
      this.client = client;
    }

    public Builder systemPrompt(String systemPrompt) {
      this.systemPrompt = systemPrompt;
      return this;
    }

    public Builder temperature(double temperature) {
      this.temperature = temperature;
      return this;
    }

    public Builder maxTokens(int maxTokens) {
      this.maxTokens = maxTokens;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Replaces the built-in prompt, e.g. with {@link JudgePrompt#fromFile}. */
    public Builder prompt(JudgePrompt prompt) {
      this.prompt = prompt;
      return this;
    }

    public LlmJudgeConfig build() {
      return new LlmJudgeConfig(
          client,
          systemPrompt,
          temperature,
          maxTokens,
          seed,
          prompt == null ? JudgePrompt.builtIn() : prompt);
    }
  }
}
