package org.c2lab.train.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Writes one JSON object per optimizer step ({@code {"step": 3, "epoch": 0.3, "loss": ...}}, TRL's
 * metric names) to a JSON Lines file, flushed every step. A resumed run first drops the lines of
 * steps after its checkpoint, so the file always equals an uninterrupted run's.
 */
public final class MetricsLog implements TrainingListener {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;

  /** A log at {@code file}. */
  public MetricsLog(Path file) {
    this.file = file;
  }

  @Override
  public void onStart(long step, long totalSteps) throws IOException {
    List<String> kept = new ArrayList<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n;
        try {
          n = JSON.readTree(line);
        } catch (IOException e) {
          break; // a torn last line
        }
        if (n.path("step").asLong(Long.MAX_VALUE) <= step) {
          kept.add(line);
        }
      }
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, kept, StandardCharsets.UTF_8);
  }

  @Override
  public void onStep(StepReport report) throws IOException {
    ObjectNode o = JSON.createObjectNode();
    o.put("step", report.step());
    new TreeMap<>(report.metrics()).forEach(o::put);
    o.put("step_seconds", report.time().toNanos() / 1e9);
    try (BufferedWriter w =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      w.write(JSON.writeValueAsString(o));
      w.write('\n');
    }
  }
}
