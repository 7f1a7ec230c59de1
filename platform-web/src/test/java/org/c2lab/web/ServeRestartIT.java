package org.c2lab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.c2lab.core.testing.SharedFixtures;
import org.c2lab.web.demo.DemoFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab server killed mid-run: {@code ./c2 serve} as a real process trains a run through the
 * queue, is killed with SIGKILL; its child notices the server is gone and stops, keeping its
 * checkpoint; a second {@code ./c2 serve} on the same {@code $C2_HOME} continues the run with
 * {@code --resume} to the end, with every step's metrics stored exactly once.
 */
class ServeRestartIT {
  private static final Pattern SERVING = Pattern.compile("serving the lab at (http://\\S+/)");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofMinutes(5);
  private static final int STEPS = 80; // 40 rows, batch 4, 8 epochs

  @TempDir Path home;
  private final HttpClient http = HttpClient.newHttpClient();

  /** A started server: its process, address and first-start password (empty after the first). */
  private record Server(Process process, URI base, String oneTimePassword) {}

  private Server serve() throws Exception {
    Path err = home.resolve("serve-err.txt");
    Process p = C2Script.serve(home, java.util.Map.of("C2_DEMO_ENABLED", "false"), err);
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    assertNotNull(line, "no output; stderr: " + Files.readString(err));
    Matcher m = SERVING.matcher(line);
    assertTrue(m.find(), line);
    String password = "";
    if (out.ready() || !Files.exists(home.resolve("seen-banner"))) {
      // First start: the banner follows, the password alone on its line after this one.
      for (String l; (l = out.readLine()) != null; ) {
        if (l.contains("one-time password")) {
          do {
            l = out.readLine();
          } while (l != null && l.isBlank());
          password = l == null ? "" : l.strip();
          break;
        }
      }
      Files.writeString(home.resolve("seen-banner"), "");
    }
    Thread drain = // the server's log must not fill the pipe and block it
        new Thread(
            () -> {
              try {
                while (out.readLine() != null) {
                  // discard
                }
              } catch (java.io.IOException ended) {
                // the process is gone
              }
            },
            "serve-stdout");
    drain.setDaemon(true);
    drain.start();
    return new Server(p, URI.create(m.group(1)), password);
  }

  private JsonNode call(URI base, String method, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertTrue(r.statusCode() < 300, method + " " + path + ": " + r.statusCode() + " " + r.body());
    return r.body().isBlank() ? null : JSON.readTree(r.body());
  }

  private JsonNode await(URI base, String token, String id, Predicate<JsonNode> condition)
      throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode run = call(base, "GET", "api/runs/" + id, token, null);
      if (condition.test(run)) {
        return run;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("run " + id + " did not get there in " + TIMEOUT);
  }

  @Test
  void aRunKilledWithTheServerContinuesWhenTheServerStartsAgain() throws Exception {
    Path repo = SharedFixtures.repoRoot();
    Path model =
        DemoFiles.initModel(
            repo.resolve(DemoFiles.TOKENIZER), home.resolve("models").resolve("tiny"));
    Server first = serve();
    String token;
    String id;
    try {
      assertTrue(first.oneTimePassword().length() >= 12, "the banner shows a password");
      String session =
          call(
                  first.base(),
                  "POST",
                  "api/auth/login",
                  null,
                  "{\"username\":\"admin\",\"password\":\"" + first.oneTimePassword() + "\"}")
              .get("token")
              .asText();
      call(
          first.base(),
          "POST",
          "api/auth/password",
          session,
          "{\"currentPassword\":\""
              + first.oneTimePassword()
              + "\",\"newPassword\":\"restart-test-password\"}");
      token =
          call(first.base(), "POST", "api/tokens", session, "{\"name\":\"restart-it\"}")
              .get("token")
              .asText();
      String request =
          "{\"kind\":\"sft\",\"name\":\"restart\",\"params\":{\"model\":\""
              + model
              + "\",\"data\":\""
              + repo.resolve(DemoFiles.SFT_DATA)
              + "\",\"full\":\"true\",\"lr\":\"0.001\",\"epochs\":\"8\",\"batch-size\":\"4\","
              + "\"max-length\":\"128\",\"max-prompt-length\":\"64\",\"checkpoint-every\":\"3\","
              + "\"seed\":\"5\"}}";
      id = call(first.base(), "POST", "api/runs", token, request).get("id").asText();
      JsonNode running =
          await(
              first.base(),
              token,
              id,
              r -> "RUNNING".equals(r.get("status").asText()) && r.get("done").asLong() >= 10);
      assertTrue(running.get("done").asLong() < STEPS, running.toString());
    } finally {
      first.process().destroyForcibly(); // SIGKILL: no shutdown hook, no goodbye to the child
      first.process().waitFor(30, TimeUnit.SECONDS);
    }

    Server second = serve();
    try {
      assertEquals("", second.oneTimePassword(), "the admin exists: no second banner");
      JsonNode done = await(second.base(), token, id, r -> !isActive(r.get("status").asText()));
      assertEquals("SUCCEEDED", done.get("status").asText(), done.toString());
      assertTrue(done.get("commandLine").toString().contains("--resume"), done.toString());
      JsonNode loss =
          call(second.base(), "GET", "api/runs/" + id + "/metrics?name=loss", token, null);
      JsonNode points = loss.isArray() ? loss : loss.get("items");
      Set<Long> steps = new HashSet<>();
      for (JsonNode p : points) {
        assertTrue(steps.add(p.get("step").asLong()), "step stored twice: " + p);
      }
      assertEquals(STEPS, steps.size(), "every step once: " + steps);
      JsonNode log = call(second.base(), "GET", "api/runs/" + id + "/log?lines=400", token, null);
      assertTrue(
          log.toString().matches(".*resuming at step [1-9][0-9]* of " + STEPS + ".*"),
          "continued from a checkpoint, not from the start");
    } finally {
      second.process().destroy();
      second.process().waitFor(30, TimeUnit.SECONDS);
      second.process().destroyForcibly();
    }
  }

  private static boolean isActive(String status) {
    return status.equals("QUEUED") || status.equals("RUNNING");
  }
}
