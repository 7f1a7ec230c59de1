package org.c2lab.web.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.c2lab.core.testing.SharedFixtures;
import org.c2lab.train.llama2c.Llama2cImporter;
import org.c2lab.web.C2Application;
import org.c2lab.web.backend.ModelHandle;
import org.c2lab.web.serve.BigramServing;
import org.c2lab.web.serve.ModelServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./c2 model serve} in-process: it starts, answers, and stops when its thread is
 * interrupted. The models are a preset behind another of our servers ({@code PRESET@URL#NAME}) over
 * the bigram model, and a local folder (stories260K) on the DJL runtime.
 */
class ModelServeCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SERVING =
      Pattern.compile("serving (\\S+) at (http://127\\.0\\.0\\.1:\\d+/v1)");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path dir;
  private ModelHandle upstreamModel;
  private ModelServer upstream;

  @BeforeEach
  void startUpstream() {
    upstreamModel = BigramServing.handle();
    upstream = BigramServing.start(upstreamModel);
  }

  @AfterEach
  void stopUpstream() {
    upstream.close();
    upstreamModel.close();
  }

  /** A writer that other threads may read while the command writes. */
  private static final class SharedWriter extends Writer {
    private final StringBuffer text = new StringBuffer();

    @Override
    public void write(char[] chars, int off, int len) {
      text.append(chars, off, len);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    @Override
    public String toString() {
      return text.toString();
    }
  }

  @Test
  void servesAPresetBehindAnotherServerUntilInterrupted() throws Exception {
    SharedWriter out = new SharedWriter();
    StringWriter err = new StringWriter();
    AtomicInteger exit = new AtomicInteger(-1);
    String spec = "llama2-chat-7b@" + upstream.apiRoot() + "#" + BigramServing.NAME;
    Thread command =
        new Thread(
            () ->
                exit.set(
                    C2Application.run(
                        new String[] {"model", "serve", "--model", spec, "--port", "0"},
                        new PrintWriter(out, true),
                        new PrintWriter(err, true))));
    command.start();
    Matcher serving = awaitServing(out, command);
    assertEquals("llama2-chat-7b", serving.group(1));
    URI api = URI.create(serving.group(2));

    JsonNode models = get(api.resolve("v1/models"));
    assertEquals("llama2-chat-7b", models.get("data").get(0).get("id").asText());
    JsonNode reply =
        post(
            api.resolve("v1/chat/completions"),
            "{\"model\":\"llama2-chat-7b\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"},"
                + "{\"role\":\"assistant\",\"content\":\"Sure, here\"}],"
                + "\"continue_final_message\":true,\"add_generation_prompt\":false,"
                + "\"max_tokens\":5,\"seed\":1}");
    assertEquals("assistant", reply.get("choices").get(0).get("message").get("role").asText());

    command.interrupt();
    command.join(15_000);
    assertFalse(command.isAlive(), "the command stopped");
    assertEquals(0, exit.get(), err.toString());
    assertTrue(err.toString().contains("stopped serving llama2-chat-7b"), err.toString());
    // New connections, not the client's pooled keep-alive one (which may hang on a dead server);
    // the listening socket closes shortly after the command returns.
    assertTrue(portClosesWithin(api, 10_000), "port closed");
  }

  @Test
  void servesALocalFolderWithTheDjlRuntime() throws Exception {
    Path model =
        Llama2cImporter.convert(
                SharedFixtures.require("models/stories260K/stories260K.bin"),
                SharedFixtures.require("models/stories260K/tok512.bin"),
                dir.resolve("stories260K"))
            .outDir();
    SharedWriter out = new SharedWriter();
    StringWriter err = new StringWriter();
    AtomicInteger exit = new AtomicInteger(-1);
    Thread command =
        new Thread(
            () ->
                exit.set(
                    C2Application.run(
                        new String[] {"model", "serve", "--model", model.toString(), "--port", "0"},
                        new PrintWriter(out, true),
                        new PrintWriter(err, true))));
    command.start();
    Matcher serving = awaitServing(out, command);
    assertEquals("stories260K", serving.group(1));
    URI api = URI.create(serving.group(2));

    JsonNode reply =
        post(
            api.resolve("v1/completions"),
            "{\"model\":\"stories260K\",\"prompt\":\"Once upon a time\",\"max_tokens\":8,"
                + "\"temperature\":0}");
    // stories260K's greedy continuation (greedy-reference.json).
    assertEquals(", there was a little girl", reply.get("choices").get(0).get("text").asText());

    command.interrupt();
    command.join(15_000);
    assertFalse(command.isAlive(), "the command stopped");
    assertEquals(0, exit.get(), err.toString());
  }

  @Test
  void badModelSpecsAreBadInput() {
    CliHarness.Result missing =
        CliHarness.run("model", "serve", "--model", dir.resolve("nope").toString());
    assertEquals(CliErrors.BAD_INPUT, missing.exitCode());
    assertTrue(missing.err().startsWith("error: no such model folder: "), missing.err());

    CliHarness.Result preset =
        CliHarness.run("model", "serve", "--model", "gpt-9@http://127.0.0.1:1/v1");
    assertEquals(CliErrors.BAD_INPUT, preset.exitCode());
    assertTrue(preset.err().startsWith("error: unknown model preset 'gpt-9'"), preset.err());
  }

  @Test
  void anUnsetKeyVariableStopsBeforeServing() {
    CliHarness.Result r =
        CliHarness.run(
            "model",
            "serve",
            "--model",
            "llama2-chat-7b@" + upstream.apiRoot(),
            "--api-key-env",
            "C2_TEST_SURELY_UNSET_KEY");
    assertEquals(CliErrors.BAD_INPUT, r.exitCode());
    assertEquals(
        "error: environment variable C2_TEST_SURELY_UNSET_KEY (the server's API key) is not set",
        r.err().strip());
    assertEquals("", r.out());
  }

  private static Matcher awaitServing(SharedWriter out, Thread command) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      Matcher m = SERVING.matcher(out.toString());
      if (m.find()) {
        return m;
      }
      assertTrue(command.isAlive(), "the command ended early: " + out);
      Thread.sleep(50);
    }
    throw new AssertionError("no 'serving' line within 30 s: " + out);
  }

  private static JsonNode get(URI uri) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  private static JsonNode post(URI uri, String body) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  private static boolean portClosesWithin(URI uri, long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < deadline) {
      try (java.net.Socket s = new java.net.Socket()) {
        s.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()), 1_000);
      } catch (IOException refused) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }
}
