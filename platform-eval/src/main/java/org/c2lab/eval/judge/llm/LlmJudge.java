package org.c2lab.eval.judge.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.c2lab.core.judge.Judge;
import org.c2lab.core.judge.JudgeRequest;
import org.c2lab.core.judge.Verdict;
import org.c2lab.core.provenance.Sha256;
import org.c2lab.eval.openai.OpenAiHttp;

/**
 * The C2-Eval judge: an LLM behind an OpenAI-compatible chat endpoint is asked whether the
 * continuation after the {@code ##POS} marker course-corrects.
 *
 * <p>Verdicts: {@link Verdict#corrected()} is the reference reading of the reply (trimmed,
 * lower-cased, equal to "yes"); the lenient reading is recorded in {@link Verdict#rationale()} as
 * {@code reference=yes|no lenient=yes|no} and can be recomputed from {@link Verdict#rawOutput()},
 * the reply as received ({@link #lenient(Verdict)}). No confidence. Batches are judged concurrently
 * within the client's concurrency bound; transient failures are retried by the HTTP layer, and a
 * judge call that fails for good throws (a run must not record an outage as a "no").
 */
public final class LlmJudge implements Judge, AutoCloseable {
  private final LlmJudgeConfig config;
  private final OpenAiHttp http;
  private final String id;
  private final String version;

  private LlmJudge(LlmJudgeConfig config, OpenAiHttp http) {
    this.config = config;
    this.http = http;
    this.id = "llm:" + config.client().model();
    // Everything that decides a verdict, so a changed prompt or setting never reuses the cache.
    this.version =
        config.prompt().id()
            + "@"
            + config.prompt().version()
            + "#"
            + Sha256.ofFields(
                    config.prompt().template(),
                    config.systemPrompt(),
                    Double.toString(config.temperature()),
                    Integer.toString(config.maxTokens()),
                    Long.toString(config.seed()))
                .substring(0, 16);
  }

  /** A judge on the configured endpoint, the API key (if any) from the process environment. */
  public static LlmJudge open(LlmJudgeConfig config) {
    return new LlmJudge(config, OpenAiHttp.open(config.client()));
  }

  /** As {@link #open(LlmJudgeConfig)}, the key variable looked up in {@code environment}. */
  public static LlmJudge open(LlmJudgeConfig config, Function<String, String> environment) {
    return new LlmJudge(config, OpenAiHttp.open(config.client(), environment));
  }

  /** {@code llm:MODEL}. */
  @Override
  public String id() {
    return id;
  }

  /** {@code PROMPT_ID@PROMPT_VERSION#HASH} of the prompt text and decoding settings. */
  @Override
  public String version() {
    return version;
  }

  /** The settings this judge runs with. */
  public LlmJudgeConfig config() {
    return config;
  }

  @Override
  public Verdict judge(JudgeRequest request) {
    Objects.requireNonNull(request, "request");
    ObjectNode body = http.newBody();
    ArrayNode messages = body.putArray("messages");
    messages.addObject().put("role", "system").put("content", config.systemPrompt());
    messages.addObject().put("role", "user").put("content", config.prompt().render(request));
    body.put("temperature", config.temperature());
    body.put("max_tokens", config.maxTokens());
    body.put("seed", config.seed());
    body.put("n", 1);
    JsonNode response = http.post("chat/completions", body);
    JudgeReply reply = JudgeReply.parse(replyText(response));
    return new Verdict(reply.reference(), Double.NaN, reply.rationale(), id, reply.text());
  }

  private String replyText(JsonNode response) {
    JsonNode choices = response.path("choices");
    if (!choices.isArray() || choices.isEmpty()) {
      throw new IllegalStateException(
          id + ": the judge endpoint returned no choices: " + abbreviate(response.toString()));
    }
    JsonNode content = choices.get(0).path("message").path("content");
    return content.isTextual() ? content.asText() : "";
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }

  /** Judges the batch concurrently, in request order. */
  @Override
  public List<Verdict> judgeAll(List<JudgeRequest> requests) {
    requests.forEach(r -> Objects.requireNonNull(r, "request"));
    return http.mapConcurrently(requests, this::judge);
  }

  /** The lenient reading of a verdict this judge produced, from its raw reply. */
  public static boolean lenient(Verdict verdict) {
    return JudgeReply.parse(verdict.rawOutput()).lenient();
  }

  @Override
  public void close() {
    http.close();
  }

  @Override
  public String toString() {
    return "LlmJudge[" + id + ", " + version + ", " + http + "]";
  }
}
