package org.c2lab.eval.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.c2lab.core.model.Capabilities;
import org.c2lab.core.model.FinishReason;
import org.c2lab.core.model.Generation;
import org.c2lab.core.model.GenerationRequest;
import org.c2lab.core.model.LanguageModel;
import org.c2lab.core.model.Prompt;
import org.c2lab.core.model.SamplingParams;
import org.c2lab.core.model.Score;
import org.c2lab.core.model.ScoreRequest;

/**
 * A model behind an OpenAI-compatible server, as core's {@link LanguageModel}.
 *
 * <p>Seeds: every sample is its own request ({@code n: 1}) with its own {@code seed}. vLLM's {@code
 * n > 1} with one seed is deterministic, but sample i then depends on i and n, which breaks the
 * SPI's rule that a sample depends only on its prompt, parameters and seed (a resumed run could not
 * regenerate one lost path). The cost is repeated prompt prefill, which servers with prefix caching
 * (vLLM's automatic prefix caching) mostly absorb. Requests go out concurrently, at most {@link
 * OpenAiClientConfig#maxConcurrency()} at a time.
 *
 * <p>A sample whose request fails for good fails the whole {@link #generate} call with an {@link
 * OpenAiException}, rather than a silent {@link FinishReason#ERROR} sample: a run should stop and
 * resume, not record outages as model behaviour. A {@code finish_reason} the client does not know
 * maps to ERROR. Timings: {@code usage} counts and the wall time of the request, retries included.
 */
public final class OpenAiLanguageModel implements LanguageModel {
  private final OpenAiHttp http;
  private final PromptStrategy strategy;
  private final EchoScorer scorer;
  private final String id;
  private volatile boolean closed;

  private OpenAiLanguageModel(OpenAiHttp http, PromptStrategy strategy) {
    this.http = http;
    this.strategy = Objects.requireNonNull(strategy, "strategy");
    this.scorer = new EchoScorer(http);
    OpenAiClientConfig c = http.config();
    this.id = "openai-" + strategy.name() + ":" + c.model() + "@" + c.baseUrl().getAuthority();
  }

  /** A model at the configured server, with the API key (if any) from the process environment. */
  public static OpenAiLanguageModel open(OpenAiClientConfig config, PromptStrategy strategy) {
    return new OpenAiLanguageModel(OpenAiHttp.open(config), strategy);
  }

  /** As {@link #open(OpenAiClientConfig, PromptStrategy)}, the key looked up in {@code env}. */
  public static OpenAiLanguageModel open(
      OpenAiClientConfig config, PromptStrategy strategy, Function<String, String> env) {
    return new OpenAiLanguageModel(OpenAiHttp.open(config, env), strategy);
  }

  /** {@code openai-STRATEGY:MODEL@HOST:PORT}; never holds a key. */
  @Override
  public String id() {
    return id;
  }

  /** What a run records about this backend: its id, prompt strategy and client configuration. */
  public Map<String, Object> provenance() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("backend", "openai-compatible");
    m.put("id", id);
    m.put("promptStrategy", strategy.name());
    m.put("seeding", "one request per sample (n=1) with the sample's seed");
    m.put("client", http.config().provenance());
    return m;
  }

  @Override
  public Capabilities capabilities() {
    OpenAiClientConfig c = http.config();
    return new Capabilities(strategy.acceptsTokenPrompts(c), c.scoring(), true, c.maxContext());
  }

  @Override
  public List<List<Generation>> generate(List<GenerationRequest> requests) {
    requireOpen();
    Capabilities caps = capabilities();
    List<Sample> samples = new ArrayList<>();
    for (int r = 0; r < requests.size(); r++) {
      GenerationRequest request = requests.get(r);
      if (!caps.accepts(request.prompt())) {
        throw new IllegalArgumentException(
            id + " does not accept " + request.prompt().getClass().getSimpleName() + "s");
      }
      for (long seed : request.seeds()) {
        samples.add(new Sample(r, request.prompt(), request.params(), seed));
      }
    }
    List<Generation> generated = http.mapConcurrently(samples, this::sample);
    List<List<Generation>> out = new ArrayList<>(requests.size());
    requests.forEach(r -> out.add(new ArrayList<>(r.n())));
    for (int i = 0; i < samples.size(); i++) {
      out.get(samples.get(i).request).add(generated.get(i));
    }
    return out.stream().map(List::copyOf).toList();
  }

  private record Sample(int request, Prompt prompt, SamplingParams params, long seed) {}

  private Generation sample(Sample s) {
    long start = System.nanoTime();
    ObjectNode body = strategy.body(http.newBody(), s.prompt, s.params, s.seed);
    if (http.config().addSpecialTokens() != null) {
      body.put("add_special_tokens", http.config().addSpecialTokens());
    }
    JsonNode response = http.post(strategy.endpoint(), body);
    Completion c = strategy.read(response, "POST " + http.config().endpoint(strategy.endpoint()));
    String text = c.text();
    FinishReason reason = SamplingBody.finishReason(c.finishReason());
    int[] tokenIds = c.tokenIds();
    // Servers exclude stop strings from the text; cut again in case one returns them anyway.
    int cut = firstStop(text, s.params.stopStrings());
    if (cut >= 0) {
      text = text.substring(0, cut);
      reason = FinishReason.STOP;
      tokenIds = null; // which tokens made up the cut text is unknown here
    }
    int generated = c.completionTokens();
    if (tokenIds != null && generated != Generation.Timing.UNKNOWN && tokenIds.length > generated) {
      tokenIds = null; // inconsistent server report: keep the text, drop the ids
    }
    return new Generation(
        tokenIds,
        text,
        reason,
        new Generation.Timing(c.promptTokens(), generated, System.nanoTime() - start));
  }

  private static int firstStop(String text, List<String> stops) {
    int first = -1;
    for (String stop : stops) {
      int at = text.indexOf(stop);
      if (at >= 0 && (first < 0 || at < first)) {
        first = at;
      }
    }
    return first;
  }

  /**
   * Scores through {@code echo} on {@code /v1/completions} (see {@link
   * OpenAiClientConfig#scoring}).
   *
   * @throws UnsupportedOperationException when the configuration declares no scoring
   */
  @Override
  public List<Score> score(List<ScoreRequest> requests) {
    requireOpen();
    if (!http.config().scoring()) {
      return LanguageModel.super.score(requests);
    }
    for (ScoreRequest r : requests) {
      if (!capabilities().accepts(r.prompt())) {
        throw new IllegalArgumentException(
            id + " does not accept " + r.prompt().getClass().getSimpleName() + "s");
      }
    }
    return http.mapConcurrently(requests, scorer::score);
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException(id + " is closed");
    }
  }

  @Override
  public void close() {
    closed = true;
    http.close();
  }

  @Override
  public String toString() {
    return "OpenAiLanguageModel[" + id + ", " + http + "]";
  }
}
