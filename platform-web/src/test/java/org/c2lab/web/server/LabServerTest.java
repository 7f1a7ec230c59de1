package org.c2lab.web.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.c2lab.web.account.AccountService;
import org.c2lab.web.account.Principal;
import org.c2lab.web.account.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The lab server's one public port: the dashboard at {@code /}, {@code /api} and {@code /v1}
 * proxied to Micronaut on the loopback with forwarded headers, bodies both ways, and server-sent
 * events streamed as they are written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LabServerTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private LabServer server;
  private String token;

  @BeforeAll
  void start() throws IOException {
    Path home = Files.createTempDirectory("c2-home-labserver");
    server =
        LabServer.start(
            new LabServerOptions(
                "127.0.0.1",
                0,
                List.of(ProxyProbeController.ENVIRONMENT),
                Map.of("c2.home", home.toString(), "c2.demo.enabled", "false")));
    token = adminToken(server);
  }

  /** A token of the first-start admin, after replacing the one-time password. */
  static String adminToken(LabServer lab) {
    AccountService accounts = lab.context().getBean(AccountService.class);
    Principal admin = new Principal(AccountService.FIRST_ADMIN, Role.ADMIN);
    accounts.changePassword(
        admin, accounts.firstStartPassword().orElseThrow(), "a-long-test-password");
    return accounts.createToken(admin, "test").token();
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(server.uri().resolve(path))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void backendListensOnTheLoopbackOnAnotherPort() {
    assertEquals("127.0.0.1", server.backendUri().getHost());
    assertNotEquals(server.port(), server.backendUri().getPort());
    assertTrue(server.isRunning());
  }

  @Test
  void dashboardIsServedAtTheRoot() throws Exception {
    HttpResponse<String> page = get("");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("VAADIN/build/"), page.body());
    HttpResponse<String> echarts = get("webjars/echarts/5.3.1/dist/echarts.min.js");
    assertEquals(200, echarts.statusCode());
    assertEquals(200, get("c2/c2-chart.js").statusCode());
  }

  @Test
  void apiRequestsReachTheBackendWithForwardedHeaders() throws Exception {
    HttpResponse<String> r = get("api/probe/echo?x=1&y=two");
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.body().contains("\"path\":\"/api/probe/echo\""), r.body());
    assertTrue(r.body().contains("\"query\":\"x=1&y=two\""), r.body());
    assertTrue(r.body().contains("\"x-forwarded-for\":\"127.0.0.1\""), r.body());
    assertTrue(r.body().contains("\"x-forwarded-proto\":\"http\""), r.body());
    assertTrue(
        r.body().contains("\"x-forwarded-host\":\"127.0.0.1:" + server.port() + "\""), r.body());
  }

  @Test
  void requestBodiesPassThrough() throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(server.uri().resolve("api/probe/echo"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hello backend"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.body().contains("\"body\":\"hello backend\""), r.body());
  }

  @Test
  void openAiPathsAreProxiedToo() throws Exception {
    HttpResponse<String> r = get("v1/models");
    // No model folder here: the backend's OpenAI-shaped empty list proves the request reached it.
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.body().contains("\"object\":\"list\""), r.body());
  }

  @Test
  void serverSentEventsArriveAsTheyAreWritten() throws Exception {
    long pause = 600;
    long start = System.nanoTime();
    HttpResponse<InputStream> r =
        http.send(
            HttpRequest.newBuilder(
                    server.uri().resolve("api/probe/events?count=4&pauseMs=" + pause))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertEquals(200, r.statusCode());
    assertTrue(
        r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"),
        r.headers().toString());
    List<Long> arrivals = new ArrayList<>();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      for (String line; (line = lines.readLine()) != null; ) {
        if (line.startsWith("data:")) {
          arrivals.add((System.nanoTime() - start) / 1_000_000);
        }
      }
    }
    assertEquals(4, arrivals.size(), arrivals.toString());
    // Streamed, not buffered: the first event arrives well before the last one is written.
    assertTrue(arrivals.get(3) - arrivals.get(0) >= 2 * pause, arrivals.toString());
  }

  @Test
  void closingLetsAStreamInFlightFinish() throws Exception {
    Path home = Files.createTempDirectory("c2-home-labserver-graceful");
    LabServer other =
        LabServer.start(
            new LabServerOptions(
                "127.0.0.1",
                0,
                List.of(ProxyProbeController.ENVIRONMENT),
                Map.of("c2.home", home.toString(), "c2.demo.enabled", "false")));
    HttpResponse<InputStream> r =
        http.send(
            HttpRequest.newBuilder(other.uri().resolve("api/probe/events?count=4&pauseMs=300"))
                .header("Authorization", "Bearer " + adminToken(other))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    List<String> events = new ArrayList<>();
    Thread closer = null;
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      for (String line; (line = lines.readLine()) != null; ) {
        if (line.startsWith("data:")) {
          events.add(line);
          if (closer == null) { // stop the server while the stream is still going
            closer = new Thread(other::close);
            closer.start();
          }
        }
      }
    }
    closer.join(10_000);
    assertEquals(4, events.size(), events.toString());
    assertTrue(!other.isRunning());
  }

  @Test
  void closingFreesThePublicPort() throws Exception {
    Path home = Files.createTempDirectory("c2-home-labserver-close");
    LabServer other =
        LabServer.start(
            new LabServerOptions(
                "127.0.0.1",
                0,
                List.of(),
                Map.of("c2.home", home.toString(), "c2.demo.enabled", "false")));
    URI uri = other.uri();
    other.close();
    other.close(); // idempotent
    assertThrows(
        ConnectException.class,
        () ->
            http.send(
                HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString()));
  }
}
