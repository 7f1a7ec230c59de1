package org.c2lab.eval.openai;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach an OpenAI-compatible server (vLLM, TGI, llama.cpp server, {@code ./c2 model serve}).
 * Safe to log and to record in provenance: it holds the NAME of the environment variable with the
 * API key, never the key.
 *
 * @param baseUrl the API root, ending in {@code /v1} (added when missing); user info is refused so
 *     that credentials cannot hide in the URL
 * @param model the model name the server serves, sent as {@code model}
 * @param apiKeyEnv the environment variable holding the API key, or null for no key
 * @param connectTimeout how long to wait for a TCP connection
 * @param requestTimeout how long to wait for one whole response (per attempt)
 * @param maxConcurrency requests in flight at once, per client, >= 1
 * @param retry retries of 429, 5xx, connection errors and timeouts
 * @param tokenPrompts the server accepts token-id arrays as {@code prompt} on {@code
 *     /v1/completions} and returns generated token ids ({@code return_tokens_as_token_ids}, vLLM)
 * @param scoring the server returns prompt log-probabilities for {@code echo: true, logprobs: 1} on
 *     {@code /v1/completions} (vLLM, the OpenAI legacy API); false declares scoring unsupported
 * @param addSpecialTokens sent as vLLM's {@code add_special_tokens} when not null; set it to false
 *     when prompts are rendered chat templates that already hold the BOS token, to avoid a double
 *     BOS
 * @param maxContext the server's context length in tokens (vLLM's {@code max_model_len})
 */
public record OpenAiClientConfig(
    URI baseUrl,
    String model,
    String apiKeyEnv,
    Duration connectTimeout,
    Duration requestTimeout,
    int maxConcurrency,
    RetryPolicy retry,
    boolean tokenPrompts,
    boolean scoring,
    Boolean addSpecialTokens,
    int maxContext) {

  public OpenAiClientConfig {
    baseUrl = normalize(Objects.requireNonNull(baseUrl, "baseUrl"));
    Objects.requireNonNull(model, "model");
    if (model.isBlank()) {
      throw new IllegalArgumentException("model must not be blank");
    }
    if (apiKeyEnv != null) {
      ApiKey.requireVariableName(apiKeyEnv);
    }
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(requestTimeout, "requestTimeout");
    if (maxConcurrency < 1) {
      throw new IllegalArgumentException("maxConcurrency must be >= 1, was " + maxConcurrency);
    }
    Objects.requireNonNull(retry, "retry");
    if (maxContext < 1) {
      throw new IllegalArgumentException("maxContext must be >= 1, was " + maxContext);
    }
  }

  /** A builder for a server at {@code baseUrl} serving {@code model}, with defaults. */
  public static Builder builder(String baseUrl, String model) {
    try {
      return new Builder(new URI(baseUrl), model);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: " + e.getMessage(), e);
    }
  }

  /** A builder for a server at {@code baseUrl} serving {@code model}, with defaults. */
  public static Builder builder(URI baseUrl, String model) {
    return new Builder(baseUrl, model);
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder(baseUrl, model);
    b.apiKeyEnv = apiKeyEnv;
    b.connectTimeout = connectTimeout;
    b.requestTimeout = requestTimeout;
    b.maxConcurrency = maxConcurrency;
    b.retry = retry;
    b.tokenPrompts = tokenPrompts;
    b.scoring = scoring;
    b.addSpecialTokens = addSpecialTokens;
    b.maxContext = maxContext;
    return b;
  }

  /**
   * The configuration as plain JSON-friendly values for a run's provenance ({@code
   * Provenance.Builder#config}): durations as ISO-8601 strings, the key's variable name only.
   */
  public Map<String, Object> provenance() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("baseUrl", baseUrl.toString());
    m.put("model", model);
    m.put("apiKeyEnv", apiKeyEnv);
    m.put("connectTimeout", connectTimeout.toString());
    m.put("requestTimeout", requestTimeout.toString());
    m.put("maxConcurrency", maxConcurrency);
    m.put("maxRetries", retry.maxRetries());
    m.put("initialBackoff", retry.initialBackoff().toString());
    m.put("maxBackoff", retry.maxBackoff().toString());
    m.put("maxRetryAfter", retry.maxRetryAfter().toString());
    m.put("tokenPrompts", tokenPrompts);
    m.put("scoring", scoring);
    m.put("addSpecialTokens", addSpecialTokens);
    m.put("maxContext", maxContext);
    return m;
  }

  /** The URI of an endpoint below the API root, e.g. {@code completions}. */
  public URI endpoint(String path) {
    return URI.create(baseUrl + "/" + path);
  }

  private static URI normalize(URI url) {
    String scheme = url.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https"))) {
      throw new IllegalArgumentException("baseUrl must be an http(s) URL, was " + safe(url));
    }
    if (url.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "baseUrl must not contain user info; put the API key in an environment variable");
    }
    if (url.getHost() == null) {
      throw new IllegalArgumentException("baseUrl has no host: " + safe(url));
    }
    String text = url.toString();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    return URI.create(text.endsWith("/v1") ? text : text + "/v1");
  }

  private static String safe(URI url) {
    return url.getRawUserInfo() == null ? url.toString() : "(a URL with user info)";
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0, was " + d);
    }
  }

  /** Builds {@link OpenAiClientConfig}; validation happens in {@link #build()}. */
  public static final class Builder {
    private final URI baseUrl;
    private final String model;
    private String apiKeyEnv;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofMinutes(2);
    private int maxConcurrency = 8;
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private boolean tokenPrompts;
    private boolean scoring;
    private Boolean addSpecialTokens;
    private int maxContext = 4096;

    private Builder(URI baseUrl, String model) {
      this.baseUrl = baseUrl;
      this.model = model;
    }

    /** The environment variable holding the API key (its name, not the key). */
    public Builder apiKeyEnv(String variableName) {
      this.apiKeyEnv = variableName;
      return this;
    }

    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
      return this;
    }

    public Builder maxConcurrency(int maxConcurrency) {
      this.maxConcurrency = maxConcurrency;
      return this;
    }

    public Builder retry(RetryPolicy retry) {
      this.retry = retry;
      return this;
    }

    public Builder tokenPrompts(boolean tokenPrompts) {
      this.tokenPrompts = tokenPrompts;
      return this;
    }

    public Builder scoring(boolean scoring) {
      this.scoring = scoring;
      return this;
    }

    public Builder addSpecialTokens(Boolean addSpecialTokens) {
      this.addSpecialTokens = addSpecialTokens;
      return this;
    }

    public Builder maxContext(int maxContext) {
      this.maxContext = maxContext;
      return this;
    }

    public OpenAiClientConfig build() {
      return new OpenAiClientConfig(
          baseUrl,
          model,
          apiKeyEnv,
          connectTimeout,
          requestTimeout,
          maxConcurrency,
          retry,
          tokenPrompts,
          scoring,
          addSpecialTokens,
          maxContext);
    }
  }
}
