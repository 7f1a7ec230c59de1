package org.c2lab.web.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.c2lab.core.job.JobStatus;
import org.junit.jupiter.api.Test;

/** Lanes, priorities and FIFO order of the queue. */
class SchedulingTest {
  private final QueueSettings settings = new QueueSettings();
  private final List<QueuedRun> runs = new ArrayList<>();

  private QueuedRun run(String id, int priority, String lane) {
    QueuedRun r =
        new QueuedRun(
            id,
            runs.size() + 1,
            "alice",
            id,
            RunKind.C2_EVAL,
            priority,
            lane,
            Map.of(),
            List.of(),
            Instant.now());
    runs.add(r);
    return r;
  }

  private List<String> next(Map<String, Integer> running) {
    return Scheduling.next(runs, running, settings, r -> true).stream().map(r -> r.id).toList();
  }

  @Test
  void higherPriorityStartsFirstThenFirstSubmitted() {
    run("a", 0, "cpu");
    run("b", 5, "cpu");
    run("c", 5, "cpu");
    settings.setCpu(2);
    assertEquals(List.of("b", "c"), next(Map.of()));
    assertEquals(List.of("b"), next(Map.of("cpu", 1)));
    assertEquals(List.of(), next(Map.of("cpu", 2)));
  }

  @Test
  void eachGpuRunsOneAtATimeAndRemoteRunsShareTheirLane() {
    run("g0", 0, "cuda:0");
    run("g0-next", 9, "cuda:0");
    run("g1", 0, "cuda:1");
    for (int i = 0; i < 6; i++) {
      run("r" + i, 0, "remote");
    }
    run("c", 0, "cpu");
    assertEquals(List.of("g0-next", "g1", "r0", "r1", "r2", "r3", "c"), next(Map.of()));
    assertEquals(List.of("g1", "r0", "c"), next(Map.of("cuda:0", 1, "remote", 3)));
  }

  @Test
  void aRunThatIsNotReadyDoesNotHoldUpTheOnesBehindIt() {
    run("waits", 9, "cpu");
    run("ready", 0, "cpu");
    run("done", 0, "cpu").status = JobStatus.SUCCEEDED;
    assertEquals(
        List.of("ready"),
        Scheduling.next(runs, Map.of(), settings, r -> !r.id.equals("waits")).stream()
            .map(r -> r.id)
            .toList());
  }

  @Test
  void lanesFollowTheDeviceAndTheModel() {
    assertEquals("cuda:0", QueueLaunch.lane(RunKind.SFT, Map.of("device", "cuda")));
    assertEquals("cuda:3", QueueLaunch.lane(RunKind.DPO, Map.of("device", "cuda:3")));
    assertEquals("cpu", QueueLaunch.lane(RunKind.SFT, Map.of("device", "cpu")));
    assertEquals(
        "remote",
        QueueLaunch.lane(
            RunKind.C2_SYN, Map.of("generator", "qwen2-7b-instruct@http://gpu:8000/v1")));
    assertEquals("cpu", QueueLaunch.lane(RunKind.C2_EVAL, Map.of("model", "/models/tiny")));
  }
}
