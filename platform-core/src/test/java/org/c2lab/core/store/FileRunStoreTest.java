package org.c2lab.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import org.c2lab.core.job.JobStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRunStoreTest extends RunStoreContract {
  @TempDir Path root;

  @Override
  protected RunStore createStore(Clock clock) {
    return new FileRunStore(root, clock);
  }

  @Test
  void survivesARestart() {
    store.createRun("keep", "c2-eval", "{\"b\":20}");
    store.updateStatus("keep", JobStatus.RUNNING);
    store.appendMetrics(List.of(point("keep", 0, "corr@10", 0.25)));
    store.appendSamples(List.of(new SampleRecord("keep", "r/k=10/path=0", "{\"y\":true}")));

    RunStore reopened = new FileRunStore(root, clock);

    assertEquals(store.getRun("keep"), reopened.getRun("keep"));
    assertEquals(
        store.metrics("keep", PageRequest.first(10)),
        reopened.metrics("keep", PageRequest.first(10)));
    assertEquals(
        store.samples("keep", PageRequest.first(10)),
        reopened.samples("keep", PageRequest.first(10)));
  }

  @Test
  void writesOneDirectoryPerRunWithReadableFiles() throws IOException {
    store.createRun("layout", "c2-eval", "{\"ks\":[10,20]}");
    store.appendMetrics(List.of(point("layout", 0, "a", 1), point("layout", 0, "b", 2)));
    store.appendSamples(List.of(new SampleRecord("layout", "s1", "{\"x\":1}")));
    Path dir = root.resolve("layout");

    JsonNode run = new ObjectMapper().readTree(Files.readString(dir.resolve("run.json")));
    assertEquals(20, run.path("config").path("ks").get(1).asInt());
    assertEquals("QUEUED", run.path("status").asText());
    assertEquals(2, Files.readAllLines(dir.resolve("metrics.jsonl")).size());
    assertEquals(
        "{\"key\":\"s1\",\"sample\":{\"x\":1}}",
        Files.readAllLines(dir.resolve("samples.jsonl")).get(0));
  }

  @Test
  void ignoresAndRepairsALineTornByACrash() throws IOException {
    store.createRun("torn", "k", "{}");
    store.appendMetric(point("torn", 0, "loss", 0.9));
    Path metrics = root.resolve("torn").resolve("metrics.jsonl");
    Files.writeString(metrics, "{\"step\":1,\"name\":\"lo", StandardOpenOption.APPEND);

    assertEquals(1, store.metrics("torn", PageRequest.first(10)).total());

    store.appendMetric(point("torn", 1, "loss", 0.8));
    Page<MetricPoint> page = store.metrics("torn", PageRequest.first(10));
    assertEquals(
        List.of(point("torn", 0, "loss", 0.9), point("torn", 1, "loss", 0.8)), page.items());
    assertTrue(Files.readString(metrics).endsWith("\n"));
    assertEquals(2, Files.readAllLines(metrics).size());
  }

  @Test
  void readsFilesLargerThanItsScanBlock() {
    store.createRun("big", "k", "{}");
    String text = "x".repeat(20_000); // one line spans several 8 KiB blocks
    store.appendSamples(List.of(new SampleRecord("big", "a", "{\"t\":\"" + text + "\"}")));
    store.appendSamples(List.of(new SampleRecord("big", "b", "{\"t\":\"" + text + "\"}")));
    assertEquals(2, store.samples("big", PageRequest.first(10)).total());
  }
}
