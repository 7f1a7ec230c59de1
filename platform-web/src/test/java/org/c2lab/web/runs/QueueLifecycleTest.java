package org.c2lab.web.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.c2lab.core.job.JobStatus;
import org.c2lab.web.account.InMemoryAuditLog;
import org.c2lab.web.account.Principal;
import org.c2lab.web.account.Role;
import org.c2lab.web.demo.DemoFiles;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child processes: progress to subscribers, cancel while running, failed dependencies. */
class QueueLifecycleTest {
  private static final Principal ALICE = new Principal("alice", Role.RESEARCHER);
  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  @TempDir Path home;
  private Path model;
  private Path data;

  @BeforeEach
  void tinyModel() throws Exception {
    DemoFiles.ensure(home);
    model = DemoFiles.initModel(home.resolve(DemoFiles.TOKENIZER), home.resolve("models/tiny"));
    data = home.resolve(DemoFiles.SFT_DATA);
  }

  private RunRequest sft(Path data, int epochs, List<String> dependsOn) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("model", model.toString());
    p.put("data", data.toString());
    p.put("full", "true");
    p.put("epochs", Integer.toString(epochs));
    p.put("max-length", "128");
    p.put("max-prompt-length", "64");
    p.put("checkpoint-every", "2");
    return new RunRequest(RunKind.SFT, "sft", p, 0, dependsOn);
  }

  @Test
  void subscribersSeeProgressAtMostTwiceASecondAndCancellingKeepsTheWork() throws Exception {
    try (QueueHarness server = QueueHarness.start(home, Map.of())) {
      List<RunView> seen = new CopyOnWriteArrayList<>();
      RunView run;
      long started;
      try (AutoCloseable subscription = server.service.subscribe(seen::add)) {
        run = server.service.submit(sft(data, 20, List.of()), ALICE);
        server.await(run.id(), v -> v.status() == JobStatus.RUNNING, TIMEOUT);
        started = System.nanoTime();
        RunView progressing = server.await(run.id(), v -> v.done() >= 6, TIMEOUT);
        assertEquals(200, progressing.total());
        assertTrue(progressing.message().startsWith("step "), progressing.message());
        server.service.cancel(run.id(), ALICE);
        RunView cancelled = server.await(run.id(), v -> v.status().isTerminal(), TIMEOUT);
        assertEquals(JobStatus.CANCELLED, cancelled.status(), cancelled.toString());
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      long progressEvents =
          seen.stream()
              .filter(v -> v.id().equals(run.id()) && v.status() == JobStatus.RUNNING)
              .count();
      assertTrue(progressEvents >= 2, seen.toString());
      assertTrue(
          progressEvents <= 2 * seconds + 4, progressEvents + " events in " + seconds + " s");
      Path out = server.service.directory(run.id()).resolve("out");
      assertTrue(Files.isDirectory(out.resolve("checkpoints")), "the cancelled step checkpointed");
      assertTrue(
          server.service.log(run.id(), 5).stream()
              .anyMatch(l -> l.contains("cancelled: checkpoint saved")));
      assertTrue(!server.service.metrics(run.id()).isEmpty());
      assertEquals(
          "run.cancel", server.context.getBean(InMemoryAuditLog.class).entries().get(0).action());
    }
  }

  @Test
  void aRunWhoseDependencyFailedFailsNamingIt() throws Exception {
    Path broken = Files.writeString(home.resolve("broken.jsonl"), "this is not JSON\n");
    try (QueueHarness server = QueueHarness.start(home, Map.of())) {
      RunView first = server.service.submit(sft(broken, 1, List.of()), ALICE);
      RunView second = server.service.submit(sft(data, 1, List.of(first.id())), ALICE);
      RunView failed = server.await(first.id(), v -> v.status().isTerminal(), TIMEOUT);
      assertEquals(JobStatus.FAILED, failed.status());
      assertTrue(failed.error().contains("broken.jsonl"), failed.error());
      RunView dependent = server.await(second.id(), v -> v.status().isTerminal(), TIMEOUT);
      assertEquals(JobStatus.FAILED, dependent.status());
      assertEquals("dependency " + first.id() + " failed", dependent.error());
      assertEquals(
          List.of(), dependent.commandLine().isEmpty() ? List.of() : List.of(), "never started");
      assertEquals(null, dependent.startedAt());
    }
  }

  @Test
  void synPairsAreImportedAndADependentDpoRunTrainsOnThem() throws Exception {
    try (QueueHarness server = QueueHarness.start(home, Map.of())) {
      Map<String, String> syn = new LinkedHashMap<>();
      syn.put("generator", model.toString());
      syn.put("preset", "llama2-chat-7b");
      syn.put("data", home.resolve(DemoFiles.EVAL_DATA).toString());
      syn.put("seed", "3");
      RunView pairs =
          server.service.submit(new RunRequest(RunKind.C2_SYN, "syn", syn, 0, List.of()), ALICE);
      Path pairsFile = server.service.directory(pairs.id()).resolve("out/pairs.jsonl");
      Map<String, String> dpo = new LinkedHashMap<>();
      dpo.put("model", model.toString());
      dpo.put("pairs", pairsFile.toString()); // written by the run it depends on
      dpo.put("lora-rank", "2");
      dpo.put("batch-size", "4");
      dpo.put("max-length", "256");
      dpo.put("max-prompt-length", "64");
      RunView train =
          server.service.submit(
              new RunRequest(RunKind.DPO, "dpo", dpo, 0, List.of(pairs.id())), ALICE);
      RunView synDone = server.await(pairs.id(), v -> v.status().isTerminal(), TIMEOUT);
      assertEquals(
          JobStatus.SUCCEEDED,
          synDone.status(),
          String.join("\n", server.service.log(pairs.id(), 30)));
      long written = Files.readAllLines(pairsFile).size();
      assertTrue(written >= 15, written + " pairs");
      assertEquals(
          written,
          server.service.samples(pairs.id(), org.c2lab.core.store.PageRequest.first(1)).total());
      assertTrue(
          server
                  .context
                  .getBean(org.c2lab.core.store.RunStore.class)
                  .getRun(pairs.id())
                  .orElseThrow()
                  .provenanceJson()
              != null);
      RunView trained = server.await(train.id(), v -> v.status().isTerminal(), TIMEOUT);
      assertEquals(
          JobStatus.SUCCEEDED,
          trained.status(),
          String.join("\n", server.service.log(train.id(), 30)));
      assertTrue(
          server.service.metrics(train.id()).stream()
              .anyMatch(m -> m.name().equals("rewards/margins")));
    }
  }
}
