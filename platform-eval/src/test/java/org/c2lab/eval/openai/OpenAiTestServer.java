package org.c2lab.eval.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.c2lab.core.model.BigramLanguageModel;
import org.c2lab.core.model.FinishReason;
import org.c2lab.core.model.Generation;
import org.c2lab.core.model.GenerationRequest;
import org.c2lab.core.model.Prompt;
import org.c2lab.core.model.SamplingParams;

/**
 * A real OpenAI-compatible HTTP server for tests (JDK {@code HttpServer} on 127.0.0.1, ephemeral
 * port) over core's {@link BigramLanguageModel}: {@code /v1/models}, {@code /v1/completions} (text
 * or token-id prompts, {@code echo}, {@code logprobs}, {@code return_tokens_as_token_ids}) and
 * {@code /v1/chat/completions} (with vLLM's {@code continue_final_message}). Characters are tokens.
 *
 * <p>Tests script failures ({@link #enqueue}), slow the server down ({@link #hold}), read what it
 * saw (request count, peak concurrency, authorization headers), or replace the chat model with a
 * rule ({@link #chatResponder}) for judge tests.
 */
public final class OpenAiTestServer implements AutoCloseable {
  public static final String MODEL = "bigram-test";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A scripted answer to the next request: wait, then either answer normally or as given. */
  public record Fault(long delayMillis, int status, Map<String, String> headers, String body) {
    public static Fault status(int status, String body) {
      return new Fault(0, status, Map.of(), body);
    }

    public static Fault retryAfter(int status, String seconds) {
      return new Fault(0, status, Map.of("Retry-After", seconds), "{\"error\":\"slow down\"}");
    }

    public static Fault delay(long millis) {
      return new Fault(millis, 0, Map.of(), null);
    }

    public static Fault body(String body) {
      return new Fault(0, 200, Map.of(), body);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(daemon());
  private final BigramLanguageModel model = BigramLanguageModel.small();
  private final Queue<Fault> faults = new ConcurrentLinkedQueue<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
  private final List<JsonNode> bodies = Collections.synchronizedList(new ArrayList<>());
  private volatile long holdMillis;
  private volatile Function<List<JsonNode>, String> chatResponder;

  private OpenAiTestServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public static OpenAiTestServer start() {
    try {
      return new OpenAiTestServer();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the test server", e);
    }
  }

  /** The API root, ending in /v1. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  public void enqueue(Fault... scripted) {
    faults.addAll(List.of(scripted));
  }

  /** Every request waits this long before it is answered (to make concurrency observable). */
  public void hold(long millis) {
    holdMillis = millis;
  }

  /** Chat requests are answered with this rule's text instead of the bigram model's. */
  public void chatResponder(Function<List<JsonNode>, String> responder) {
    chatResponder = responder;
  }

  public int requests() {
    return requests.get();
  }

  public int maxInFlight() {
    return maxInFlight.get();
  }

  public List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  public List<JsonNode> bodies() {
    return List.copyOf(bodies);
  }

  private void handle(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    try (ex) {
      authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Fault fault = faults.poll();
      sleep(fault != null ? fault.delayMillis : 0);
      sleep(holdMillis);
      if (fault != null && fault.status > 0) {
        fault.headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        send(ex, fault.status, fault.body);
        return;
      }
      try {
        send(ex, 200, route(ex.getRequestMethod(), ex.getRequestURI().getPath(), body).toString());
      } catch (IllegalArgumentException e) {
        send(ex, 400, error(e.getMessage()));
      } catch (NotFound e) {
        send(ex, 404, error(e.getMessage()));
      }
    } catch (IOException e) {
      // the client gave up (timeout) and closed the connection: nothing to answer
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private static final class NotFound extends RuntimeException {
    NotFound(String message) {
      super(message);
    }
  }

  private JsonNode route(String method, String path, String body) {
    if (method.equals("GET") && path.equals("/v1/models")) {
      ObjectNode out = JSON.createObjectNode().put("object", "list");
      out.putArray("data").addObject().put("id", MODEL).put("object", "model");
      return out;
    }
    if (!method.equals("POST")) {
      throw new NotFound(method + " " + path + " is not served");
    }
    JsonNode request = parse(body);
    bodies.add(request);
    if (!MODEL.equals(request.path("model").asText())) {
      throw new NotFound("The model `" + request.path("model").asText() + "` does not exist.");
    }
    return switch (path) {
      case "/v1/completions" -> completions(request);
      case "/v1/chat/completions" -> chat(request);
      default -> throw new NotFound("no route " + path);
    };
  }

  private ObjectNode completions(JsonNode r) {
    JsonNode p = r.get("prompt");
    int[] prompt;
    if (p != null && p.isTextual()) {
      prompt = BigramLanguageModel.encode(p.asText());
    } else if (p != null && p.isArray()) {
      prompt = new int[p.size()];
      for (int i = 0; i < prompt.length; i++) {
        if (!p.get(i).canConvertToInt()) {
          throw new IllegalArgumentException("prompt must be a string or an array of token ids");
        }
        prompt[i] = p.get(i).intValue();
      }
    } else {
      throw new IllegalArgumentException("prompt must be a string or an array of token ids");
    }
    boolean echo = r.path("echo").asBoolean(false);
    boolean logprobs = r.hasNonNull("logprobs");
    boolean asIds = r.path("return_tokens_as_token_ids").asBoolean(false);
    ObjectNode out = response("text_completion");
    ArrayNode choices = out.putArray("choices");
    int completionTokens = 0;
    for (int i = 0; i < r.path("n").asInt(1); i++) {
      Generation g = generate(r, prompt, i);
      completionTokens += g.timing().generatedTokens();
      ObjectNode choice = choices.addObject().put("index", i);
      String echoed = echo ? BigramLanguageModel.decode(prompt) : "";
      choice.put("text", echoed + g.text());
      choice.put("finish_reason", g.finishReason() == FinishReason.LENGTH ? "length" : "stop");
      if (logprobs) {
        choice.set("logprobs", logprobs(echo ? prompt : new int[0], prompt, g, r, asIds));
      } else {
        choice.putNull("logprobs");
      }
    }
    usage(out, prompt.length, completionTokens);
    return out;
  }

  /** Legacy-completions logprobs over the echoed prompt (if any) and the generated tokens. */
  private JsonNode logprobs(int[] echoed, int[] prompt, Generation g, JsonNode r, boolean asIds) {
    List<Integer> ids = new ArrayList<>();
    for (int id : echoed) {
      ids.add(id);
    }
    for (int id : g.tokenIds()) {
      ids.add(id);
    }
    boolean endedOnEos =
        g.finishReason() == FinishReason.STOP
            && g.timing().generatedTokens() > g.tokenIds().length
            && !r.has("stop");
    if (endedOnEos) {
      ids.add(BigramLanguageModel.EOS); // listed like vLLM lists EOS, with no text
    }
    ObjectNode out = JSON.createObjectNode();
    ArrayNode tokens = out.putArray("tokens");
    ArrayNode values = out.putArray("token_logprobs");
    ArrayNode offsets = out.putArray("text_offset");
    out.putArray("top_logprobs");
    int prev = echoed.length > 0 ? -1 : (prompt.length == 0 ? -2 : prompt[prompt.length - 1]);
    int offset = echoed.length > 0 ? 0 : prompt.length;
    for (int id : ids) {
      tokens.add(asIds ? "token_id:" + id : BigramLanguageModel.decode(new int[] {id}));
      if (prev == -1) {
        values.addNull(); // the first prompt token has no context
      } else {
        values.add(model.nextLogProbs(prev < 0 ? BigramLanguageModel.EOS : prev)[id]);
      }
      offsets.add(offset);
      offset += id == BigramLanguageModel.EOS ? 0 : 1;
      prev = id;
    }
    return out;
  }

  private ObjectNode chat(JsonNode r) {
    JsonNode messages = r.get("messages");
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      throw new IllegalArgumentException("messages must be a non-empty array");
    }
    List<JsonNode> list = new ArrayList<>();
    messages.forEach(list::add);
    String lastRole = list.get(list.size() - 1).path("role").asText();
    boolean addGenerationPrompt = r.path("add_generation_prompt").asBoolean(true);
    boolean continueFinal = r.path("continue_final_message").asBoolean(false);
    if (continueFinal && addGenerationPrompt) {
      throw new IllegalArgumentException(
          "Cannot set both `continue_final_message` and `add_generation_prompt` to True.");
    }
    if (continueFinal && !lastRole.equals("assistant")) {
      throw new IllegalArgumentException("continue_final_message needs a final assistant message");
    }
    ObjectNode out = response("chat.completion");
    ObjectNode choice = out.putArray("choices").addObject().put("index", 0);
    Function<List<JsonNode>, String> responder = chatResponder;
    if (responder != null) {
      choice.putObject("message").put("role", "assistant").put("content", responder.apply(list));
      choice.put("finish_reason", "stop");
      usage(out, 0, 1);
      return out;
    }
    // A plain rendering: the bigram model only looks at the last character anyway.
    StringBuilder rendered = new StringBuilder();
    for (JsonNode m : list) {
      rendered.append(rendered.length() == 0 ? "" : "\n").append(m.path("content").asText());
    }
    if (addGenerationPrompt) {
      rendered.append('\n');
    }
    int[] prompt = BigramLanguageModel.encode(rendered.toString());
    Generation g = generate(r, prompt, 0);
    choice.putObject("message").put("role", "assistant").put("content", g.text());
    choice.put("finish_reason", g.finishReason() == FinishReason.LENGTH ? "length" : "stop");
    usage(out, prompt.length, g.timing().generatedTokens());
    return out;
  }

  private Generation generate(JsonNode r, int[] prompt, int index) {
    int maxTokens = r.path("max_tokens").asInt(16);
    double temperature = r.path("temperature").asDouble(1.0);
    if (maxTokens == 0) {
      return new Generation(new int[0], "", FinishReason.LENGTH, new Generation.Timing(0, 0, 0));
    }
    SamplingParams.Builder b =
        temperature == 0
            ? SamplingParams.builder().greedy()
            : SamplingParams.builder()
                .temperature(temperature)
                .topP(r.path("top_p").asDouble(1.0))
                .topK(Math.max(0, r.path("top_k").asInt(0)));
    b.maxNewTokens(maxTokens);
    List<String> stops = new ArrayList<>();
    JsonNode stop = r.get("stop");
    if (stop != null && stop.isTextual()) {
      stops.add(stop.asText());
    } else if (stop != null && stop.isArray()) {
      stop.forEach(s -> stops.add(s.asText()));
    }
    List<Integer> stopIds = new ArrayList<>();
    r.path("stop_token_ids").forEach(id -> stopIds.add(id.asInt()));
    SamplingParams params = b.stopStrings(stops).stopTokenIds(stopIds).build();
    long seed = r.path("seed").asLong(0) + index;
    return model
        .generate(List.of(GenerationRequest.of(Prompt.tokens(prompt), params, seed)))
        .get(0)
        .get(0);
  }

  private static ObjectNode response(String object) {
    return JSON.createObjectNode()
        .put("id", "test-" + System.nanoTime())
        .put("object", object)
        .put("created", System.currentTimeMillis() / 1000)
        .put("model", MODEL);
  }

  private static void usage(ObjectNode out, int prompt, int completion) {
    out.putObject("usage")
        .put("prompt_tokens", prompt)
        .put("completion_tokens", completion)
        .put("total_tokens", prompt + completion);
  }

  private static JsonNode parse(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("request body must be a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw new IllegalArgumentException("request body is not valid JSON");
    }
  }

  private static String error(String message) {
    ObjectNode out = JSON.createObjectNode();
    out.putObject("error")
        .put("message", message)
        .put("type", "invalid_request_error")
        .putNull("code");
    return out.toString();
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static void sleep(long millis) {
    if (millis > 0) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "openai-test-server");
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    model.close();
  }
}
