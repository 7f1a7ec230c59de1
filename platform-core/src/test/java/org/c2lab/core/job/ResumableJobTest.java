package org.c2lab.core.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shows the resumability contract of {@link Job} with a job that follows it, and JobResult. */
class ResumableJobTest {
  record SumConfig(int units, long seed) {}

  /** Sums a seeded random number per unit; checkpoints each unit as one appended line. */
  static final class SumJob implements Job<SumConfig, Long> {
    private final String id;
    private final SumConfig config;
    private final int cancelAfter; // units processed in this run before asking to stop
    final List<Integer> processed = new ArrayList<>();

    SumJob(String id, SumConfig config, int cancelAfter) {
      this.id = id;
      this.config = config;
      this.cancelAfter = cancelAfter;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public SumConfig config() {
      return config;
    }

    @Override
    public String kind() {
      return "sum";
    }

    @Override
    public Long run(JobContext ctx) throws IOException {
      Path done = ctx.checkpointDir().resolve("units.txt");
      Set<Integer> finished = new HashSet<>();
      if (Files.exists(done)) {
        Files.readAllLines(done).forEach(l -> finished.add(Integer.parseInt(l.split(" ")[0])));
      }
      ctx.progress(finished.size(), config.units(), "resuming");
      for (int unit = 0; unit < config.units(); unit++) {
        if (finished.contains(unit)) {
          continue;
        }
        long value = new Random(config.seed() * 31 + unit).nextInt(1000); // seed from the key
        Files.writeString(
            done, unit + " " + value + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        finished.add(unit);
        processed.add(unit);
        ctx.progress(finished.size(), config.units(), "unit " + unit);
        if (processed.size() == cancelAfter && ctx instanceof LocalJobContext local) {
          local.cancel();
        }
        ctx.throwIfCancelled();
      }
      return Files.readAllLines(done).stream()
          .mapToLong(l -> Long.parseLong(l.split(" ")[1]))
          .sum();
    }
  }

  @TempDir Path runs;

  @Test
  void aCancelledJobResumesWithoutRepeatingOrLosingWork() {
    SumConfig config = new SumConfig(10, 7);
    SumJob first = new SumJob("sum-1", config, 4);
    JobResult<Long> stopped = JobResult.run(first, LocalJobContext.underRoot("sum-1", runs));
    assertEquals(JobStatus.CANCELLED, stopped.status());
    assertNull(stopped.value());

    SumJob second = new SumJob("sum-1", config, -1);
    LocalJobContext resumed = LocalJobContext.underRoot("sum-1", runs);
    JobResult<Long> finished = JobResult.run(second, resumed);

    SumJob clean = new SumJob("sum-clean", config, -1);
    JobResult<Long> uninterrupted =
        JobResult.run(clean, LocalJobContext.underRoot("sum-clean", runs));

    assertEquals(JobStatus.SUCCEEDED, finished.status());
    assertEquals(List.of(0, 1, 2, 3), first.processed);
    assertEquals(List.of(4, 5, 6, 7, 8, 9), second.processed);
    assertEquals(uninterrupted.value(), finished.value());
    assertEquals(1.0, resumed.lastProgress().orElseThrow().fraction());
  }

  @Test
  void recordsConfigAndJobInTheFinishedProvenance() {
    JobResult<Long> r =
        JobResult.run(
            new SumJob("sum-p", new SumConfig(2, 1), -1), LocalJobContext.underRoot("sum-p", runs));
    assertEquals("sum-p", r.provenance().notes().get("job.id"));
    assertEquals("sum", r.provenance().notes().get("job.kind"));
    assertEquals(2, r.provenance().config().get("units").asInt());
    assertNotNull(r.provenance().finishedAt());
  }

  @Test
  void aFailingJobReportsItsError() {
    Job<String, String> failing =
        new Job<>() {
          @Override
          public String id() {
            return "boom";
          }

          @Override
          public String config() {
            return "cfg";
          }

          @Override
          public String run(JobContext context) throws IOException {
            throw new IOException("disk full");
          }
        };
    JobResult<String> r = JobResult.run(failing, LocalJobContext.underRoot("boom", runs));
    assertEquals(JobStatus.FAILED, r.status());
    assertInstanceOf(IOException.class, r.error());
  }
}
