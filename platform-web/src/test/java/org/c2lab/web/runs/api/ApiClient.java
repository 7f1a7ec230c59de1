package org.c2lab.web.runs.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.c2lab.web.account.TestTokens;
import org.c2lab.web.store.RunStoreFactory;

/** A lab server on a free port over a temporary home, and requests to it as a given user. */
final class ApiClient implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  final ApplicationContext context;
  private final EmbeddedServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final TestTokens tokens;

  /** One response: status and body (JSON, or null when empty). */
  record Reply(int status, JsonNode json, String text, HttpResponse<String> raw) {}

  private ApiClient(ApplicationContext context) {
    this.context = context;
    this.tokens = new TestTokens(context);
    this.server = context.getBean(EmbeddedServer.class);
    server.start();
  }

  /** A server on {@code home} whose queue accepts runs but starts none (unless overridden). */
  static ApiClient start(Path home, Map<String, Object> extra) {
    Map<String, Object> p = new HashMap<>();
    p.put("c2.home", home.toString());
    p.put("c2.test.audit", "memory");
    p.put("c2.demo.enabled", "false");
    p.put("c2.queue.launch", "false");
    p.put("c2.queue.poll-interval", "100ms");
    p.put("c2.queue.java-options", List.of("-Dai.djl.offline=true", "-XX:TieredStopAtLevel=1"));
    p.put("micronaut.server.port", -1);
    p.put("micronaut.server.host", "127.0.0.1");
    p.putAll(extra);
    return new ApiClient(
        ApplicationContext.builder(RunStoreFactory.ENVIRONMENT)
            .deduceEnvironment(false)
            .banner(false)
            .properties(p)
            .start());
  }

  Reply get(String path, String user) throws Exception {
    return send(builder(path, user).GET());
  }

  Reply post(String path, String user, String body) throws Exception {
    return send(
        builder(path, user)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  Reply delete(String path, String user) throws Exception {
    return send(builder(path, user).DELETE());
  }

  private HttpRequest.Builder builder(String path, String user) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path));
    if (user != null) {
      b.header("Authorization", "Bearer " + tokens.of(user));
    }
    return b;
  }

  private Reply send(HttpRequest.Builder b) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = null;
    if (!r.body().isBlank() && r.headers().firstValue("Content-Type").orElse("").contains("json")) {
      json = JSON.readTree(r.body());
    }
    return new Reply(r.statusCode(), json, r.body(), r);
  }

  @Override
  public void close() {
    server.stop();
    context.close();
  }
}
