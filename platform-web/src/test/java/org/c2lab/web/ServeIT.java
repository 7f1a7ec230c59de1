package org.c2lab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code ./c2 serve} as a real process from the shaded jar: it prints its address, serves the
 * dashboard's page, its static resources and the proxied API on one port, keeps its database under
 * {@code $C2_HOME/db}, and on SIGTERM stops and exits promptly.
 */
class ServeIT {
  private static final Pattern SERVING = Pattern.compile("serving the lab at (http://\\S+/)");

  @Test
  void servesOnOnePortUntilSigterm() throws Exception {
    Path home = Files.createTempDirectory("c2-home-serve");
    Path err = Files.createTempFile("c2-serve-err", ".txt");
    Process p = C2Script.serve(home, java.util.Map.of(), err);
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine(); // blocks until the server is up, or the process ends
      assertTrue(line != null, "no output; stderr: " + Files.readString(err));
      Matcher m = SERVING.matcher(line);
      assertTrue(m.find(), line);
      URI base = URI.create(m.group(1));
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> page =
          http.send(
              HttpRequest.newBuilder(base).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, page.statusCode());
      assertTrue(page.body().contains("VAADIN/build/"), page.body());
      HttpResponse<String> chart =
          http.send(
              HttpRequest.newBuilder(base.resolve("c2/c2-chart.js")).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, chart.statusCode());
      HttpResponse<String> api =
          http.send(
              HttpRequest.newBuilder(base.resolve("v1/models")).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertTrue(api.body().contains("\"error\""), api.body()); // Micronaut's answer, proxied
      assertTrue(Files.isDirectory(home.resolve("db")), "the run store's database under C2_HOME");

      p.destroy(); // SIGTERM
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "still running 30 s after SIGTERM");
      assertEquals(143, p.exitValue(), "the JVM's exit status for SIGTERM");
      String stderr = Files.readString(err);
      assertTrue(stderr.contains("stopped the lab server"), stderr);
    } finally {
      p.destroyForcibly();
      Files.deleteIfExists(err);
    }
  }
}
