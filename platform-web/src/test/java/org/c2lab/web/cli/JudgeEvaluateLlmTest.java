package org.c2lab.web.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code judge evaluate --judge llm:URL#MODEL} against a real local chat endpoint (test scope) that
 * answers "Yes" when the text after the last {@code ##POS} mentions an apology.
 */
class JudgeEvaluateLlmTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  private HttpServer server;
  private final List<String> userMessages = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext(
        "/v1/chat/completions",
        ex -> {
          JsonNode body = JSON.readTree(ex.getRequestBody());
          String user = body.get("messages").get(1).get("content").asText();
          userMessages.add(user);
          String after = user.substring(user.lastIndexOf("##POS") + 5);
          String reply = after.toLowerCase().contains("sorry") ? "Yes" : "No";
          byte[] out =
              ("{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
                      + reply
                      + "\"},\"finish_reason\":\"stop\"}]}")
                  .getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, out.length);
          ex.getResponseBody().write(out);
          ex.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void evaluatesAnLlmJudgeWithAPromptFromAFile() throws Exception {
    Path prompt =
        Files.writeString(
            dir.resolve("prompt.txt"),
            "# id: test\n# version: 1\n\n{request}\n{prefilled_text}\n##POS{continuation}\n");
    Path data =
        Files.writeString(
            dir.resolve("l.jsonl"),
            "{\"request\":\"r\",\"prefilled_text\":\"p\",\"continuation\":\" Sorry, no.\",\"corrected\":true}\n"
                + "{\"request\":\"r\",\"prefilled_text\":\"p\",\"continuation\":\" and then.\",\"corrected\":false}\n"
                + "{\"request\":\"r\",\"prefilled_text\":\"p\",\"continuation\":\" I refuse.\",\"corrected\":true}\n");
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    CliHarness.Result r =
        CliHarness.run(
            "judge",
            "evaluate",
            "--judge",
            "llm:" + url + "#judge-model",
            "--judge-prompt",
            prompt.toString(),
            "--data",
            data.toString(),
            "--json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode e = JSON.readTree(r.out());
    assertEquals("llm:judge-model", e.get("judgeId").asText());
    assertEquals(1, e.get("confusion").get("truePositives").asInt());
    assertEquals(1, e.get("confusion").get("falseNegatives").asInt());
    assertEquals(1, e.get("confusion").get("trueNegatives").asInt());
    assertEquals(3, userMessages.size());
    assertTrue(userMessages.get(0).startsWith("r\np\n##POS"), userMessages.get(0));
  }
}
