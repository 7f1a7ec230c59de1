package org.c2lab.web.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 20 concurrent API clients through the public port (Jetty proxy included), each with its own
 * account and token: every answer has the expected status and shape, the caller's own identity (no
 * token mixed up between connections) and, for viewers, hidden sample text. A correctness test, not
 * a timing one: {@link ApiLoadBenchmark} measures.
 */
class ApiConcurrencyTest {
  static final int CLIENTS = 20;
  static final int REQUESTS_PER_CLIENT = 15;

  @TempDir Path home;

  @Test
  void twentyConcurrentClientsGetCorrectAnswers() throws Exception {
    ApiLoad.Size size = new ApiLoad.Size(30, 20, 120, 700);
    Map<String, Long> queries = ApiLoad.writeFiles(home, size.datasetRows());
    try (LabServer server =
        LabServer.start(
            new LabServerOptions("127.0.0.1", 0, List.of(), ApiLoad.properties(home)))) {
      List<ApiLoad.Client> clients = ApiLoad.clients(server, CLIENTS, 2);
      ApiLoad.Seeded seeded =
          new ApiLoad.Seeded(size, ApiLoad.seedRuns(server, clients, size, home), queries);
      ApiLoad.Recorder recorder = new ApiLoad.Recorder();
      ApiLoad.run(server.uri(), clients, seeded, REQUESTS_PER_CLIENT, null, recorder);
      assertEquals(0, recorder.problemCount, String.join("\n", recorder.problems));
      assertEquals(CLIENTS * REQUESTS_PER_CLIENT, recorder.requests());
      for (ApiLoad.Route route : ApiLoad.Route.values()) {
        assertTrue(recorder.requests(route) > 0, route.label + " never sent");
      }
    }
  }
}
