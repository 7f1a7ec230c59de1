package org.c2lab.web.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.c2lab.core.job.JobStatus;
import org.c2lab.core.metrics.MetricNames;
import org.c2lab.core.store.MetricPoint;
import org.c2lab.web.account.Principal;
import org.c2lab.web.account.Role;
import org.c2lab.web.demo.DemoFiles;
import org.c2lab.web.demo.DemoTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server dies while a run trains (its child killed with SIGKILL, the service dropped without a
 * shutdown); a new server on the same home and database continues the run with {@code --resume},
 * and its metrics equal an uninterrupted run's: no step lost or repeated.
 */
class QueueRestartTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(4);
  private static final Principal ALICE = new Principal("alice", Role.RESEARCHER);

  @TempDir Path home;

  @Test
  void aRunKilledWithItsServerContinuesAfterARestartWithTheSameMetrics() throws Exception {
    Path tokenizer = DemoTokenizer.write(home.resolve("tokenizer.json"));
    Path model = DemoFiles.initModel(tokenizer, home.resolve("models/tiny"));
    Path data = DemoTestData.sftData(home);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("model", model.toString());
    params.put("data", data.toString());
    params.put("full", "true");
    params.put("lr", "0.001");
    params.put("epochs", "8");
    params.put("batch-size", "4");
    params.put("max-length", "128");
    params.put("max-prompt-length", "64");
    params.put("checkpoint-every", "3");
    params.put("seed", "5");
    RunRequest request = new RunRequest(RunKind.SFT, "restart", params, 0, List.of());

    String uninterrupted;
    String interrupted;
    try (QueueHarness server = QueueHarness.start(home, Map.of())) {
      uninterrupted = server.service.submit(request, ALICE).id();
      server.await(uninterrupted, v -> v.status() == JobStatus.SUCCEEDED, TIMEOUT);
      interrupted = server.service.submit(request, ALICE).id();
      RunView running =
          server.await(
              interrupted,
              v -> v.status() == JobStatus.RUNNING && v.done() >= 14 && v.total() == 80,
              TIMEOUT);
      assertTrue(running.done() < 80, running.toString());
      server.service.abandon(); // the server "dies": no more scheduling, no shutdown
      long pid = server.service.pid(interrupted).orElseThrow();
      ProcessHandle child = ProcessHandle.of(pid).orElseThrow();
      assertTrue(child.isAlive(), "killed while it trains");
      child.destroyForcibly();
      child.onExit().get();
    }

    try (QueueHarness restarted = QueueHarness.start(home, Map.of())) {
      RunView done = restarted.await(interrupted, v -> v.status().isTerminal(), TIMEOUT);
      assertEquals(
          JobStatus.SUCCEEDED,
          done.status(),
          String.join("\n", restarted.service.log(interrupted, 40)));
      assertTrue(done.commandLine().contains("--resume"), done.commandLine().toString());
      assertEquals(80, done.done());
      assertTrue(
          restarted.service.log(interrupted, 400).stream()
              .anyMatch(l -> l.matches("resuming at step [1-9][0-9]* of 80")),
          "continued from a checkpoint, not from the start");
      assertEquals(
          series(restarted.service.metrics(uninterrupted)),
          series(restarted.service.metrics(interrupted)));
      assertEquals(
          80,
          restarted.service.metrics(interrupted).stream()
              .filter(p -> p.name().equals(MetricNames.LOSS))
              .count());
      assertTrue(
          Files.isRegularFile(
              restarted.service.directory(interrupted).resolve("out/model/model.safetensors")));
    }
  }

  @Test
  void aGracefulShutdownStopsChildrenAndQueuesTheirRunsToContinue() throws Exception {
    RunRequest request = longTraining();
    String id;
    long pid;
    try (QueueHarness server = QueueHarness.start(home, Map.of())) {
      id = server.service.submit(request, ALICE).id();
      server.await(id, v -> v.status() == JobStatus.RUNNING && v.done() >= 4, TIMEOUT);
      pid = server.service.pid(id).orElseThrow();
    } // closing the context shuts the service down
    assertTrue(ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true), "the child stopped");
    try (QueueHarness later = QueueHarness.start(home, Map.of("c2.queue.launch", "false"))) {
      RunView v = later.service.get(id).orElseThrow();
      assertEquals(JobStatus.QUEUED, v.status());
      assertEquals("continuing when the server restarts", v.message());
      assertTrue(Files.isDirectory(later.service.directory(id).resolve("out/checkpoints")));
    }
  }

  @Test
  void aChildStillRunningFromTheLastServerIsStoppedBeforeItsRunContinues() throws Exception {
    RunRequest request = longTraining();
    String id;
    ProcessHandle old;
    try (QueueHarness server = QueueHarness.start(home, Map.of())) {
      id = server.service.submit(request, ALICE).id();
      server.await(id, v -> v.status() == JobStatus.RUNNING && v.done() >= 4, TIMEOUT);
      old = ProcessHandle.of(server.service.pid(id).orElseThrow()).orElseThrow();
      server.service.abandon(); // its child lives on (the test JVM, its parent, is alive)
    }
    assertTrue(old.isAlive());
    try (QueueHarness restarted = QueueHarness.start(home, Map.of())) {
      assertTrue(!old.isAlive(), "stopped when the new server loaded its queue");
      RunView v = restarted.await(id, x -> x.status() == JobStatus.RUNNING, TIMEOUT);
      assertTrue(v.commandLine().contains("--resume"), v.commandLine().toString());
      restarted.service.cancel(id, ALICE);
      restarted.await(id, x -> x.status().isTerminal(), TIMEOUT);
    }
  }

  private RunRequest longTraining() throws Exception {
    Path tokenizer = DemoTokenizer.write(home.resolve("tokenizer.json"));
    Path model = DemoFiles.initModel(tokenizer, home.resolve("models/tiny"));
    Map<String, String> params = new LinkedHashMap<>();
    params.put("model", model.toString());
    params.put("data", DemoTestData.sftData(home).toString());
    params.put("full", "true");
    params.put("epochs", "100");
    params.put("max-length", "128");
    params.put("max-prompt-length", "64");
    params.put("checkpoint-every", "2");
    return new RunRequest(RunKind.SFT, "long", params, 0, List.of());
  }

  /** Step, name and value of every point but the timings, in append order. */
  private static List<String> series(List<MetricPoint> points) {
    return points.stream()
        .filter(
            p ->
                !p.name().equals(MetricNames.TOKENS_PER_SECOND) && !p.name().equals("step_seconds"))
        .map(p -> p.step() + " " + p.name() + " " + p.value())
        .toList();
  }
}
