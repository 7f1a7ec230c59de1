package org.c2lab.web.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.c2lab.web.C2Application;
import org.c2lab.web.demo.DemoFiles;
import org.c2lab.web.runs.ProgressReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training command in a child JVM, as the lab server runs it: with {@code C2_PROGRESS=json} it
 * prints progress lines, and when the process in {@code C2_PARENT_PID} dies it cancels itself like
 * Ctrl-C (checkpoint, exit 130) instead of running on as an orphan.
 */
class JobExecutionTest {
  @TempDir Path dir;

  @Test
  void aJobWhoseParentDiesCancelsItselfAndKeepsItsWork() throws Exception {
    DemoFiles.ensure(dir);
    Path model = DemoFiles.initModel(dir.resolve(DemoFiles.TOKENIZER), dir.resolve("model"));
    Process parent = new ProcessBuilder("sleep", "600").start();
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            "-Dai.djl.offline=true",
            "-XX:TieredStopAtLevel=1",
            C2Application.class.getName(),
            "train",
            "sft",
            "--model",
            model.toString(),
            "--data",
            dir.resolve(DemoFiles.SFT_DATA).toString(),
            "--full",
            "--epochs",
            "50",
            "--max-length",
            "128",
            "--max-prompt-length",
            "64",
            "--out",
            dir.resolve("out").toString(),
            "--runs",
            dir.resolve("store").toString());
    pb.environment().put(ProgressReport.ENV, ProgressReport.JSON_MODE);
    pb.environment().put(ProgressReport.PARENT_PID_ENV, Long.toString(parent.pid()));
    pb.redirectErrorStream(true);
    Process child = pb.start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lines.add(line);
        if (ProgressReport.parse(line).filter(p -> p.done() >= 3).isPresent() && parent.isAlive()) {
          parent.destroyForcibly();
        }
      }
    } finally {
      parent.destroyForcibly();
    }
    assertTrue(child.waitFor(2, TimeUnit.MINUTES));
    String log = String.join("\n", lines);
    assertEquals(JobExecution.CANCELLED, child.exitValue(), log);
    assertTrue(log.contains("is gone: cancelling"), log);
    assertTrue(log.contains("cancelled: checkpoint saved"), log);
    ProgressReport last =
        lines.stream()
            .flatMap(l -> ProgressReport.parse(l).stream())
            .reduce((a, b) -> b)
            .orElseThrow();
    assertEquals(500, last.total());
    assertTrue(last.done() < 500, last.toString());
  }
}
