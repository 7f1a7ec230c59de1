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
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.c2lab.core.testing.SharedFixtures;
import org.c2lab.web.backend.ModelHandle;
import org.c2lab.web.serve.BigramServing;
import org.c2lab.web.serve.ModelServer;
import org.junit.jupiter.api.Test;

/**
 * {@code ./c2 model serve} as a real process: it prints its address, answers, and on SIGTERM stops
 * serving and exits promptly. Its model is a preset behind an in-process server over the bigram
 * model.
 */
class ModelServeIT {
  private static final Pattern SERVING = Pattern.compile("serving \\S+ at (http://\\S+/v1)");

  @Test
  void servesUntilSigterm() throws Exception {
    try (ModelHandle model = BigramServing.handle();
        ModelServer upstream = BigramServing.start(model)) {
      Path root = SharedFixtures.repoRoot();
      Path err = Files.createTempFile("c2-serve-err", ".txt");
      String spec = "llama2-chat-7b@" + upstream.apiRoot() + "#" + BigramServing.NAME;
      Process p =
          new ProcessBuilder(
                  List.of(
                      "bash",
                      root.resolve("c2").toString(),
                      "model",
                      "serve",
                      "--model",
                      spec,
                      "--port",
                      "0"))
              .directory(root.toFile())
              .redirectError(err.toFile())
              .start();
      try {
        BufferedReader out =
            new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine(); // blocks until the server is up, or the process ends
        assertTrue(line != null, "no output; stderr: " + Files.readString(err));
        Matcher m = SERVING.matcher(line);
        assertTrue(m.find(), line);
        HttpResponse<String> models =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(URI.create(m.group(1) + "/models")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        assertEquals(200, models.statusCode());
        assertTrue(models.body().contains("\"llama2-chat-7b\""), models.body());

        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "still running 30 s after SIGTERM");
        assertEquals(143, p.exitValue(), "the JVM's exit status for SIGTERM");
        String stderr = Files.readString(err);
        assertTrue(stderr.contains("stopped serving llama2-chat-7b"), stderr);
      } finally {
        p.destroyForcibly();
        Files.deleteIfExists(err);
      }
    }
  }
}
