package org.c2lab.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.c2lab.core.job.JobStatus;
import org.c2lab.core.provenance.Provenance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link RunStore} must show. A store's test extends this class and returns a
 * fresh, empty store using the given clock from {@link #createStore(Clock)}.
 */
public abstract class RunStoreContract {
  /** A clock that tests move by hand. */
  protected static final class TestClock extends Clock {
    private volatile Instant now = Instant.parse("2024-07-16T09:00:00.123Z");

    public void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** A fresh, empty store that timestamps with {@code clock}. */
  protected abstract RunStore createStore(Clock clock);

  protected final TestClock clock = new TestClock();
  protected RunStore store;

  @BeforeEach
  void createStoreUnderTest() {
    store = createStore(clock);
  }

  protected static MetricPoint point(String run, long step, String name, double value) {
    return new MetricPoint(run, step, name, value, Instant.parse("2024-07-16T10:00:00.001Z"));
  }

  @Test
  void aCreatedRunIsQueuedAndReadable() {
    RunRecord created = store.createRun("eval-1", "c2-eval", "{\"paths\":20}");
    assertEquals(JobStatus.QUEUED, created.status());
    assertEquals(created.createdAt(), created.updatedAt());
    assertNull(created.provenanceJson());
    assertEquals(created, store.getRun("eval-1").orElseThrow());
  }

  @Test
  void keepsJsonInCanonicalCompactForm() {
    RunRecord r = store.createRun("r1", "k", "{ \"ks\" : [10, 20],\n \"model\": \"qwen\" }");
    assertEquals("{\"ks\":[10,20],\"model\":\"qwen\"}", r.configJson());
    assertEquals(r.configJson(), store.getRun("r1").orElseThrow().configJson());
  }

  @Test
  void refusesADuplicateId() {
    store.createRun("dup", "k", "{}");
    assertThrows(DuplicateRunException.class, () -> store.createRun("dup", "k", "{}"));
  }

  @Test
  void refusesInvalidIdsAndConfigs() {
    assertThrows(IllegalArgumentException.class, () -> store.createRun("../up", "k", "{}"));
    assertThrows(IllegalArgumentException.class, () -> store.createRun("ok", "k", "{not json"));
    assertThrows(IllegalArgumentException.class, () -> store.createRun("ok", " ", "{}"));
    assertTrue(store.getRun("ok").isEmpty());
  }

  @Test
  void unknownRunsAreAbsent() {
    assertTrue(store.getRun("nope").isEmpty());
    assertTrue(store.getRun("../../etc").isEmpty());
    assertThrows(NoSuchRunException.class, () -> store.updateStatus("nope", JobStatus.RUNNING));
    assertThrows(NoSuchRunException.class, () -> store.updateProvenance("nope", "{}"));
    assertThrows(NoSuchRunException.class, () -> store.metrics("nope", PageRequest.first(5)));
    assertThrows(NoSuchRunException.class, () -> store.samples("nope", PageRequest.first(5)));
  }

  @Test
  void listsRunsNewestFirstInPages() {
    for (int i = 0; i < 5; i++) {
      store.createRun("run-" + i, "k", "{}");
      clock.advance(Duration.ofSeconds(1));
    }
    Page<RunRecord> first = store.listRuns(PageRequest.first(2));
    assertEquals(List.of("run-4", "run-3"), first.items().stream().map(RunRecord::id).toList());
    assertEquals(5, first.total());
    assertTrue(first.hasMore());
    Page<RunRecord> last = store.listRuns(new PageRequest(4, 2));
    assertEquals(List.of("run-0"), last.items().stream().map(RunRecord::id).toList());
    assertFalse(last.hasMore());
    assertEquals(List.of(), store.listRuns(new PageRequest(10, 2)).items());
  }

  @Test
  void runsCreatedAtTheSameInstantListInIdOrder() {
    store.createRun("b", "k", "{}");
    store.createRun("a", "k", "{}");
    assertEquals(
        List.of("a", "b"),
        store.listRuns(PageRequest.first(10)).items().stream().map(RunRecord::id).toList());
  }

  @Test
  void updatingStatusKeepsTheRestAndMovesUpdatedAt() {
    RunRecord created = store.createRun("st", "k", "{\"a\":1}");
    clock.advance(Duration.ofMinutes(3));
    RunRecord running = store.updateStatus("st", JobStatus.RUNNING);
    assertEquals(JobStatus.RUNNING, running.status());
    assertEquals(created.createdAt(), running.createdAt());
    assertEquals(created.createdAt().plus(Duration.ofMinutes(3)), running.updatedAt());
    assertEquals(created.configJson(), running.configJson());
    assertEquals(running, store.getRun("st").orElseThrow());
  }

  @Test
  void storesTheProvenanceDocument() {
    store.createRun("prov", "k", "{}");
    Provenance p = Provenance.builder().gitCommit("abc").seed(42).note("precision", "bf16").build();
    store.updateProvenance("prov", p.toJson());
    String stored = store.getRun("prov").orElseThrow().provenanceJson();
    assertEquals(p, Provenance.fromJson(stored));
  }

  @Test
  void returnsMetricsInAppendOrderPagedAndByName() {
    store.createRun("train", "dpo", "{}");
    List<MetricPoint> points = new ArrayList<>();
    for (int step = 0; step < 10; step++) {
      points.add(point("train", step, "loss", 0.7 - step * 0.01));
      points.add(point("train", step, "rewards/margins", step * 0.1));
    }
    store.appendMetrics(points.subList(0, 7));
    store.appendMetrics(points.subList(7, 20));
    store.appendMetric(point("train", 10, "loss", 0.5));

    Page<MetricPoint> all = store.metrics("train", new PageRequest(5, 4));
    assertEquals(21, all.total());
    assertEquals(points.subList(5, 9), all.items());

    Page<MetricPoint> loss = store.metrics("train", "loss", new PageRequest(9, 5));
    assertEquals(11, loss.total());
    assertEquals(List.of(points.get(18), point("train", 10, "loss", 0.5)), loss.items());
  }

  @Test
  void keepsNonFiniteMetricValues() {
    store.createRun("nan", "dpo", "{}");
    List<MetricPoint> odd =
        List.of(
            point("nan", 0, "loss", Double.NaN),
            point("nan", 1, "loss", Double.POSITIVE_INFINITY),
            point("nan", 2, "loss", Double.NEGATIVE_INFINITY),
            point("nan", 3, "loss", -0.0),
            point("nan", 4, "loss", 1e-300));
    store.appendMetrics(odd);
    assertEquals(odd, store.metrics("nan", PageRequest.first(10)).items());
  }

  @Test
  void storesNothingWhenAnyRunIsUnknown() {
    store.createRun("known", "k", "{}");
    assertThrows(
        NoSuchRunException.class,
        () -> store.appendMetrics(List.of(point("known", 0, "x", 1), point("ghost", 0, "x", 1))));
    assertThrows(
        NoSuchRunException.class,
        () ->
            store.appendSamples(
                List.of(
                    new SampleRecord("known", "s", "{}"), new SampleRecord("ghost", "s", "{}"))));
    assertEquals(0, store.metrics("known", PageRequest.first(1)).total());
    assertEquals(0, store.samples("known", PageRequest.first(1)).total());
  }

  @Test
  void returnsSamplesInAppendOrderPaged() {
    store.createRun("eval", "c2-eval", "{}");
    store.createRun("other", "c2-eval", "{}");
    List<SampleRecord> samples = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      samples.add(
          new SampleRecord(
              "eval",
              "req-" + i + "/k=10/path=0",
              "{\"continuation\":\"I'm sorry \\u2014 \u00e9\u4e2d\\n\",\"corrected\":"
                  + (i % 2 == 0)
                  + "}"));
    }
    store.appendSamples(samples);
    store.appendSamples(List.of(new SampleRecord("other", "x", "[1,2,3]")));

    Page<SampleRecord> page = store.samples("eval", new PageRequest(20, 10));
    assertEquals(25, page.total());
    assertEquals(samples.subList(20, 25), page.items());
    assertEquals(1, store.samples("other", PageRequest.first(10)).total());
  }

  @Test
  void acceptsAppendsFromManyThreads() throws Exception {
    store.createRun("busy", "k", "{}");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int thread = t;
      done.add(
          pool.submit(
              () -> {
                for (int i = 0; i < 50; i++) {
                  store.appendMetric(point("busy", i, "t" + thread, i));
                  store.appendSamples(List.of(new SampleRecord("busy", thread + "/" + i, "{}")));
                }
              }));
    }
    pool.shutdown();
    for (Future<?> f : done) {
      f.get(30, TimeUnit.SECONDS); // rethrows a worker's failure
    }
    assertEquals(200, store.metrics("busy", PageRequest.first(1)).total());
    assertEquals(200, store.samples("busy", PageRequest.first(1)).total());
    assertEquals(50, store.metrics("busy", "t2", PageRequest.first(100)).items().size());
  }
}
