package org.c2lab.eval.synthesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.c2lab.core.job.JobResult;
import org.c2lab.core.job.JobStatus;
import org.c2lab.core.job.LocalJobContext;
import org.c2lab.core.model.Capabilities;
import org.c2lab.core.model.Generation;
import org.c2lab.core.model.GenerationRequest;
import org.c2lab.core.model.LanguageModel;
import org.c2lab.core.model.SamplingParams;
import org.c2lab.eval.testing.FictionalRows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** C2-Syn streams: memory does not grow with the number of requests. */
class C2SynMemoryTest {
  @TempDir Path tmp;

  @Test
  void fiveThousandRequestsRunInATwentyMegabyteHeap() throws Exception {
    Path data = FictionalRows.writeSynRows(tmp.resolve("train.jsonl"), 5000);
    Path out = tmp.resolve("pairs.jsonl");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                java.toString(),
                "-Xmx20m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                SynHeapProbe.class.getName(),
                data.toString(),
                out.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "finished");
    assertEquals(0, p.exitValue(), output);
    assertEquals("75000", output.strip().lines().reduce((a, b) -> b).orElse(""), output);
    try (Stream<String> lines = Files.lines(out)) {
      assertEquals(75_000, lines.count());
    }
  }

  @Test
  void pairsReachTheFileBatchByBatchWhileTheDataIsRead() throws IOException {
    Path data = FictionalRows.writeSynRows(tmp.resolve("train.jsonl"), 300);
    Path out = tmp.resolve("pairs.jsonl");
    WatchingModel model = new WatchingModel(SynRuns.model(), out);
    C2SynConfig config =
        C2SynConfig.builder(data, out, SynRuns.MODEL)
            .generation(SamplingParams.greedy(4))
            .batchRequests(10)
            .build();

    JobResult<C2SynResult> r =
        SynRuns.run("watch", config, model, LocalJobContext.underRoot("watch", tmp));

    assertEquals(JobStatus.SUCCEEDED, r.status(), () -> String.valueOf(r.error()));
    assertEquals(30, model.calls);
    assertEquals(4500, r.value().pairsWritten());
  }

  /**
   * At every generate call, checks that the batch is bounded and that the pairs of every earlier
   * request are already on disk: nothing is held back until the end.
   */
  private static final class WatchingModel implements LanguageModel {
    private final LanguageModel delegate;
    private final Path pairs;
    private long requestsBefore;
    int calls;

    WatchingModel(LanguageModel delegate, Path pairs) {
      this.delegate = delegate;
      this.pairs = pairs;
    }

    @Override
    public String id() {
      return delegate.id();
    }

    @Override
    public Capabilities capabilities() {
      return delegate.capabilities();
    }

    @Override
    public List<List<Generation>> generate(List<GenerationRequest> requests) {
      calls++;
      assertTrue(requests.size() <= 5 * 10, "one batch of requests at a time");
      assertEquals(requestsBefore * 15, lines(pairs), "earlier requests' pairs are written");
      requestsBefore += requests.size() / 5;
      return delegate.generate(requests);
    }

    private static long lines(Path file) {
      if (!Files.exists(file)) {
        return 0;
      }
      try (BufferedReader r = Files.newBufferedReader(file)) {
        return r.lines().count();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
