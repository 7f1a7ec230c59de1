package org.c2lab.web.api;

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
import java.time.Duration;
import java.util.Map;
import org.c2lab.web.account.AccountService;
import org.c2lab.web.account.Principal;
import org.c2lab.web.account.Role;
import org.c2lab.web.account.ServerDatabase;
import org.c2lab.web.store.RunStoreFactory;

/**
 * The REST API on a free loopback port over a fresh in-memory database, with one signed-in token
 * per role: {@link #admin}, {@link #researcher}, {@link #viewer}.
 */
public final class ApiServer implements AutoCloseable {
  public static final String ADMIN_PASSWORD = "admin-password-1";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public final ApplicationContext context;
  public final EmbeddedServer server;
  public final String admin;
  public final String researcher;
  public final String viewer;

  private ApiServer(ApplicationContext context, EmbeddedServer server, Map<String, String> tokens) {
    this.context = context;
    this.server = server;
    this.admin = tokens.get("admin");
    this.researcher = tokens.get("researcher");
    this.viewer = tokens.get("viewer");
  }

  /** Starts the server with {@code home} as {@code $C2_HOME} and extra properties. */
  public static ApiServer start(Path home, Map<String, Object> extra) {
    Map<String, Object> properties = ServerDatabase.properties(home);
    properties.put("micronaut.server.port", -1);
    properties.put("micronaut.server.host", "127.0.0.1");
    properties.putAll(extra);
    ApplicationContext context =
        ApplicationContext.builder(RunStoreFactory.ENVIRONMENT)
            .deduceEnvironment(false)
            .properties(properties)
            .start();
    EmbeddedServer server = context.getBean(EmbeddedServer.class);
    server.start();
    AccountService accounts = context.getBean(AccountService.class);
    Principal admin = new Principal(AccountService.FIRST_ADMIN, Role.ADMIN);
    accounts.changePassword(admin, accounts.firstStartPassword().orElseThrow(), ADMIN_PASSWORD);
    accounts.createUser(admin, "ria", "researcher", "researcher-pass");
    accounts.createUser(admin, "vic", "viewer", "viewer-password");
    accounts.changePassword(
        new Principal("ria", Role.RESEARCHER), "researcher-pass", "ria-password-2");
    accounts.changePassword(new Principal("vic", Role.VIEWER), "viewer-password", "vic-password-2");
    return new ApiServer(
        context,
        server,
        Map.of(
            "admin", accounts.createToken(admin, "test").token(),
            "researcher",
                accounts.createToken(new Principal("ria", Role.RESEARCHER), "test").token(),
            "viewer", accounts.createToken(new Principal("vic", Role.VIEWER), "test").token()));
  }

  public static ApiServer start(Path home) {
    return start(home, Map.of());
  }

  /** A server whose admin still has the first-start one-time password; no tokens. */
  public static ApiServer startFresh(Path home) {
    Map<String, Object> properties = ServerDatabase.properties(home);
    properties.put("micronaut.server.port", -1);
    properties.put("micronaut.server.host", "127.0.0.1");
    ApplicationContext context =
        ApplicationContext.builder(RunStoreFactory.ENVIRONMENT)
            .deduceEnvironment(false)
            .properties(properties)
            .start();
    EmbeddedServer server = context.getBean(EmbeddedServer.class);
    server.start();
    return new ApiServer(context, server, Map.of());
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getPort() + path);
  }

  /** A response: status, JSON body (null when empty or not JSON), raw text. */
  public record Response(int status, JsonNode json, String text) {
    public String message() {
      return json.get("message").asText();
    }

    /** The error's field, or null when the body has {@code "field": null}. */
    public String field() {
      JsonNode f = json.get("field");
      return f == null || f.isNull() ? null : f.asText();
    }
  }

  public Response get(String path, String token) throws IOException, InterruptedException {
    return send(request(path, token).GET());
  }

  public Response delete(String path, String token) throws IOException, InterruptedException {
    return send(request(path, token).DELETE());
  }

  public Response post(String path, String token, String json)
      throws IOException, InterruptedException {
    return send(
        request(path, token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public Response post(String path, String token, Object body)
      throws IOException, InterruptedException {
    return post(path, token, JSON.writeValueAsString(body));
  }

  public Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> r = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = null;
    String type = r.headers().firstValue("Content-Type").orElse("");
    if (!r.body().isEmpty() && type.startsWith("application/json")) {
      json = JSON.readTree(r.body());
    }
    return new Response(r.statusCode(), json, r.body());
  }

  public HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  @Override
  public void close() {
    server.stop();
    context.close();
  }
}
