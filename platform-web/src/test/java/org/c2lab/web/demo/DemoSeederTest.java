package org.c2lab.web.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.c2lab.core.job.JobStatus;
import org.c2lab.core.store.MetricPoint;
import org.c2lab.core.store.PageRequest;
import org.c2lab.web.runs.QueueHarnessAccess;
import org.c2lab.web.runs.RunKind;
import org.c2lab.web.runs.RunService;
import org.c2lab.web.runs.RunView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first-start demo: queued on a fresh home, and completed with Corr@k in the store. */
class DemoSeederTest {
  @TempDir Path home;
  @TempDir Path data;

  private Map<String, Object> demo(boolean launch) {
    return Map.of(
        "c2.demo.enabled", "true",
        "c2.demo.data-root", data.toString(),
        "c2.queue.launch", Boolean.toString(launch));
  }

  @Test
  void aFreshHomeGetsTheDemoChainQueuedOnce() throws Exception {
    try (QueueHarnessAccess server = QueueHarnessAccess.start(home, demo(false))) {
      DemoSeeder seeder = server.context().getBean(DemoSeeder.class);
      List<RunView> runs = seeder.seedIfEmpty();
      assertEquals(
          List.of(RunKind.C2_EVAL, RunKind.SFT, RunKind.C2_EVAL),
          runs.stream().map(RunView::kind).toList());
      assertEquals(List.of(runs.get(1).id()), runs.get(2).dependsOn());
      assertTrue(runs.stream().allMatch(r -> r.owner().equals("system")));
      assertTrue(Files.isRegularFile(home.resolve("models/demo-tiny-base/config.json")));
      assertTrue(Files.isSymbolicLink(home.resolve("models/demo-tiny")));
      assertTrue(Files.isRegularFile(data.resolve(DemoFiles.SFT_DATA)));
      assertEquals(40, Files.readAllLines(data.resolve(DemoFiles.SFT_DATA)).size());
      assertEquals(List.of(), seeder.seedIfEmpty(), "only on an empty store");
    }
  }

  @Test
  void theServersStartSeedsTheDemo() throws Exception {
    try (QueueHarnessAccess server = QueueHarnessAccess.start(home, demo(false))) {
      io.micronaut.runtime.server.EmbeddedServer http =
          server.context().getBean(io.micronaut.runtime.server.EmbeddedServer.class);
      http.start();
      try {
        assertEquals(3, server.service().list(PageRequest.first(10)).total());
      } finally {
        http.stop();
      }
    }
  }

  @Test
  void theDemoChainCompletesWithCorrAtKInTheStore() throws Exception {
    try (QueueHarnessAccess server = QueueHarnessAccess.start(home, demo(true))) {
      List<RunView> runs = server.context().getBean(DemoSeeder.class).seedIfEmpty();
      RunService service = server.service();
      for (RunView r : runs) {
        RunView done = server.await(r.id(), v -> v.status().isTerminal(), Duration.ofMinutes(5));
        assertEquals(
            JobStatus.SUCCEEDED, done.status(), String.join("\n", service.log(r.id(), 30)));
      }
      String after = runs.get(2).id();
      Set<String> names =
          service.metrics(after).stream().map(MetricPoint::name).collect(Collectors.toSet());
      assertTrue(
          names.containsAll(
              Set.of(
                  "corr@10",
                  "corr@20",
                  "corr@40",
                  "corr_mean",
                  "corr_mean/lower",
                  "corr@10/upper")),
          names.toString());
      assertEquals(6 * 3 * 4, service.samples(after, PageRequest.first(1)).total());
      assertTrue(service.metrics(runs.get(1).id()).stream().anyMatch(m -> m.name().equals("loss")));
      assertTrue(Files.isRegularFile(home.resolve("models/demo-tiny/config.json")));
      assertEquals(30 * 10, server.service().get(runs.get(1).id()).orElseThrow().done());
      // The demo's point: after fine-tuning on course-corrections the tiny model corrects more.
      assertTrue(
          corrMean(service, after) > corrMean(service, runs.get(0).id()),
          corrMean(service, runs.get(0).id()) + " -> " + corrMean(service, after));
    }
  }

  private static double corrMean(RunService service, String run) {
    return service.metrics(run).stream()
        .filter(m -> m.name().equals("corr_mean"))
        .findFirst()
        .orElseThrow()
        .value();
  }
}
