package org.c2lab.eval.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The HTTP layer shared by the OpenAI-compatible model backend and the LLM judge: JSON POSTs with a
 * bounded number of requests in flight, timeouts, and retries with backoff on 429, 5xx, connection
 * errors and timeouts (honouring {@code Retry-After}). Other 4xx fail at once with the server's
 * error message. Thread-safe.
 */
public final class OpenAiHttp implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final OpenAiClientConfig config;
  private final ApiKey apiKey;
  private final HttpClient http;
  private final Semaphore inFlight;
  private final ExecutorService workers;

  private OpenAiHttp(OpenAiClientConfig config, ApiKey apiKey) {
    this.config = config;
    this.apiKey = apiKey;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(config.connectTimeout())
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    this.inFlight = new Semaphore(config.maxConcurrency(), true);
    int pool = POOLS.incrementAndGet();
    AtomicInteger thread = new AtomicInteger();
    this.workers =
        Executors.newFixedThreadPool(
            config.maxConcurrency(),
            r -> {
              Thread t = new Thread(r, "openai-" + pool + "-" + thread.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * A client for {@code config}, reading the API key (if configured) from the process environment.
   *
   * @throws IllegalArgumentException if the configured key variable is not set
   */
  public static OpenAiHttp open(OpenAiClientConfig config) {
    return open(config, System::getenv);
  }

  /** As {@link #open(OpenAiClientConfig)}, looking the key variable up in {@code environment}. */
  public static OpenAiHttp open(OpenAiClientConfig config, Function<String, String> environment) {
    Objects.requireNonNull(config, "config");
    ApiKey key =
        config.apiKeyEnv() == null
            ? ApiKey.none()
            : ApiKey.fromEnvironment(config.apiKeyEnv(), environment);
    return new OpenAiHttp(config, key);
  }

  /** The configuration this client was opened with. */
  public OpenAiClientConfig config() {
    return config;
  }

  /** A new request body holding the configured {@code model}. */
  public ObjectNode newBody() {
    return JSON.createObjectNode().put("model", config.model());
  }

  /**
   * POSTs {@code body} to {@code endpoint} (relative to the API root, e.g. {@code completions}) and
   * returns the parsed JSON response, retrying transient failures.
   *
   * @throws OpenAiException when the request fails for good
   */
  public JsonNode post(String endpoint, ObjectNode body) {
    URI uri = config.endpoint(endpoint);
    HttpRequest request = request(uri, body);
    String what = "POST " + uri;
    for (int attempt = 1; ; attempt++) {
      Failure failure = attempt(request, what, attempt);
      if (failure.response != null) {
        return failure.response;
      }
      if (attempt > config.retry().maxRetries()) {
        throw new OpenAiException(
            what
                + ": "
                + failure.message
                + "; gave up after "
                + attempt
                + (attempt == 1 ? " attempt" : " attempts"),
            failure.status,
            attempt,
            failure.cause);
      }
      Duration wait =
          config
              .retry()
              .delayBefore(attempt, failure.retryAfter, ThreadLocalRandom.current().nextDouble());
      sleep(wait, what, attempt);
    }
  }

  /**
   * Applies {@code call} to every item using this client's worker threads (at most {@code
   * maxConcurrency} at once) and returns the results in item order. The first failure cancels the
   * calls still running and is rethrown. {@code call} must not itself use this method.
   */
  public <T, R> List<R> mapConcurrently(List<T> items, Function<T, R> call) {
    if (items.size() <= 1) {
      return items.stream().map(call).toList();
    }
    List<Future<R>> futures = new ArrayList<>(items.size());
    for (T item : items) {
      futures.add(workers.submit(() -> call.apply(item)));
    }
    List<R> out = new ArrayList<>(items.size());
    try {
      for (Future<R> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new OpenAiException("interrupted", OpenAiException.NO_RESPONSE, 0, e);
    }
  }

  /** The outcome of one attempt: a response, or why it failed and whether to retry. */
  private record Failure(
      JsonNode response,
      String message,
      int status,
      Optional<Duration> retryAfter,
      Throwable cause) {
    static Failure ok(JsonNode response) {
      return new Failure(response, null, 200, Optional.empty(), null);
    }
  }

  private Failure attempt(HttpRequest request, String what, int attempt) {
    HttpResponse<String> response;
    try {
      inFlight.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OpenAiException(what + ": interrupted", OpenAiException.NO_RESPONSE, attempt, e);
    }
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      return new Failure(
          null,
          "no response within " + timeoutOf(e) + " (timeout)",
          OpenAiException.NO_RESPONSE,
          Optional.empty(),
          null);
    } catch (IOException e) {
      return new Failure(
          null,
          "connection failed: " + apiKey.redact(String.valueOf(e.getMessage())),
          OpenAiException.NO_RESPONSE,
          Optional.empty(),
          null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OpenAiException(what + ": interrupted", OpenAiException.NO_RESPONSE, attempt, e);
    } finally {
      inFlight.release();
    }
    int status = response.statusCode();
    String body = response.body();
    if (status / 100 == 2) {
      return Failure.ok(parse(body, what, attempt));
    }
    String message = "HTTP " + status + ": " + apiKey.redact(ErrorBodies.message(body));
    if (status == 429 || status >= 500) {
      return new Failure(null, message, status, ErrorBodies.retryAfter(response.headers()), null);
    }
    throw new OpenAiException(
        what + ": " + message + " (client error, not retried)", status, attempt, null);
  }

  private JsonNode parse(String body, String what, int attempt) {
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null || !node.isObject()) {
        throw new OpenAiException(
            what + ": HTTP 200 but the body is not a JSON object: " + excerpt(body),
            200,
            attempt,
            null);
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new OpenAiException(
          what + ": HTTP 200 but the body is not valid JSON: " + excerpt(body), 200, attempt, null);
    }
  }

  private String excerpt(String body) {
    return apiKey.redact(ErrorBodies.excerpt(body));
  }

  private HttpRequest request(URI uri, ObjectNode body) {
    byte[] payload;
    try {
      payload = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize request body", e);
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(config.requestTimeout())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
    apiKey.authorization().ifPresent(v -> b.header("Authorization", v));
    return b.build();
  }

  private String timeoutOf(HttpTimeoutException e) {
    return e instanceof java.net.http.HttpConnectTimeoutException
        ? config.connectTimeout() + " (connect)"
        : config.requestTimeout().toString();
  }

  private static void sleep(Duration wait, String what, int attempt) {
    try {
      Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OpenAiException(
          what + ": interrupted while waiting to retry", OpenAiException.NO_RESPONSE, attempt, e);
    }
  }

  /** Stops the worker threads; idempotent. */
  @Override
  public void close() {
    workers.shutdownNow();
  }

  @Override
  public String toString() {
    return "OpenAiHttp[" + config.baseUrl() + ", model=" + config.model() + ", " + apiKey + "]";
  }
}
