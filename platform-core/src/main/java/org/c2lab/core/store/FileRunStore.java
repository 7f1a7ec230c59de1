package org.c2lab.core.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.c2lab.core.job.Job;
import org.c2lab.core.job.JobStatus;

/**
 * A {@link RunStore} on the file system: one directory per run under a root, holding {@code
 * run.json} (replaced atomically on change), {@code metrics.jsonl} and {@code samples.jsonl}
 * (append-only JSON Lines, readable with any tool). Everything survives a restart; a crash
 * mid-append loses at most the torn last line. The run directory may also hold the job's
 * checkpoints and exports. Thread-safe within one process; not for several processes at once.
 */
public final class FileRunStore implements RunStore {
  static final String RUN_FILE = "run.json";
  static final String METRICS_FILE = "metrics.jsonl";
  static final String SAMPLES_FILE = "samples.jsonl";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Path root;
  private final Clock clock;

  /** A store under {@code root}, created if absent. */
  public FileRunStore(Path root) {
    this(root, Clock.systemUTC());
  }

  public FileRunStore(Path root, Clock clock) {
    this.root = Objects.requireNonNull(root, "root");
    this.clock = Objects.requireNonNull(clock, "clock");
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create run store root " + root, e);
    }
  }

  /** The directory of a run (existing or not). */
  public Path runDir(String id) {
    return root.resolve(Job.checkId(id));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  @Override
  public synchronized RunRecord createRun(String id, String kind, String configJson) {
    Instant now = now();
    RunRecord record = new RunRecord(id, kind, JobStatus.QUEUED, configJson, now, now, null);
    Path file = runDir(id).resolve(RUN_FILE);
    if (Files.exists(file)) {
      throw new DuplicateRunException(id);
    }
    io(() -> Files.createDirectories(file.getParent()));
    writeRun(record);
    return record;
  }

  @Override
  public synchronized Optional<RunRecord> getRun(String id) {
    if (id == null || !Job.ID_PATTERN.matcher(id).matches()) {
      return Optional.empty(); // no such run can exist, and the id must not reach the file system
    }
    Path file = runDir(id).resolve(RUN_FILE);
    return Files.exists(file) ? Optional.of(readRun(file)) : Optional.empty();
  }

  @Override
  public synchronized Page<RunRecord> listRuns(PageRequest page) {
    List<RunRecord> all = new ArrayList<>();
    io(
        () -> {
          try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path dir : dirs) {
              Path file = dir.resolve(RUN_FILE);
              if (Files.exists(file)) {
                all.add(readRun(file));
              }
            }
          }
          return null;
        });
    all.sort(NEWEST_FIRST);
    return Page.of(all, page);
  }

  @Override
  public synchronized RunRecord updateStatus(String id, JobStatus status) {
    Objects.requireNonNull(status, "status");
    return update(id, r -> r.withStatus(status, now()));
  }

  @Override
  public synchronized RunRecord updateProvenance(String id, String provenanceJson) {
    Objects.requireNonNull(provenanceJson, "provenanceJson");
    return update(id, r -> r.withProvenance(provenanceJson, now()));
  }

  private RunRecord update(String id, Function<RunRecord, RunRecord> change) {
    RunRecord updated = change.apply(requireRun(id));
    writeRun(updated);
    return updated;
  }

  @Override
  public synchronized void appendMetrics(List<MetricPoint> points) {
    appendLines(points, MetricPoint::runId, METRICS_FILE, FileRunStore::metricLine);
  }

  @Override
  public synchronized Page<MetricPoint> metrics(String runId, PageRequest page) {
    return readPage(runId, METRICS_FILE, page, line -> metricPoint(runId, line), p -> true);
  }

  @Override
  public synchronized Page<MetricPoint> metrics(String runId, String name, PageRequest page) {
    Objects.requireNonNull(name, "name");
    return readPage(
        runId, METRICS_FILE, page, line -> metricPoint(runId, line), p -> p.name().equals(name));
  }

  @Override
  public synchronized void appendSamples(List<SampleRecord> samples) {
    appendLines(samples, SampleRecord::runId, SAMPLES_FILE, FileRunStore::sampleLine);
  }

  @Override
  public synchronized Page<SampleRecord> samples(String runId, PageRequest page) {
    return readPage(runId, SAMPLES_FILE, page, line -> sampleRecord(runId, line), s -> true);
  }

  // --- files ---

  private <T> void appendLines(
      List<T> items, Function<T, String> runOf, String fileName, Function<T, String> toLine) {
    Map<String, List<String>> byRun = new LinkedHashMap<>();
    for (T item : items) {
      String runId = runOf.apply(item);
      if (!byRun.containsKey(runId)) {
        requireRun(runId); // every run must exist before anything is written
      }
      byRun.computeIfAbsent(runId, k -> new ArrayList<>()).add(toLine.apply(item));
    }
    byRun.forEach(
        (runId, lines) ->
            io(
                () -> {
                  JsonLines.append(runDir(runId).resolve(fileName), lines);
                  return null;
                }));
  }

  private <T> Page<T> readPage(
      String runId,
      String fileName,
      PageRequest page,
      Function<String, T> parse,
      Predicate<T> keep) {
    requireRun(runId);
    List<T> items = new ArrayList<>();
    long[] total = {0};
    io(
        () -> {
          JsonLines.forEach(
              runDir(runId).resolve(fileName),
              line -> {
                T item = parse.apply(line);
                if (keep.test(item)) {
                  if (page.contains(total[0])) {
                    items.add(item);
                  }
                  total[0]++;
                }
              });
          return null;
        });
    return new Page<>(items, page.offset(), total[0]);
  }

  private RunRecord requireRun(String id) {
    return getRun(id).orElseThrow(() -> new NoSuchRunException(id));
  }

  private void writeRun(RunRecord r) {
    ObjectNode node = NODES.objectNode();
    node.put("id", r.id());
    node.put("kind", r.kind());
    node.put("status", r.status().name());
    node.set("config", JsonText.parse(r.configJson(), "configJson"));
    node.put("createdAt", r.createdAt().toString());
    node.put("updatedAt", r.updatedAt().toString());
    node.set(
        "provenance",
        r.provenanceJson() == null
            ? NODES.nullNode()
            : JsonText.parse(r.provenanceJson(), "provenanceJson"));
    Path file = runDir(r.id()).resolve(RUN_FILE);
    io(
        () -> {
          // Write aside, then rename over: a reader never sees half a run.json.
          Path tmp = file.resolveSibling(RUN_FILE + ".tmp");
          Files.writeString(tmp, node.toPrettyString(), StandardCharsets.UTF_8);
          try {
            Files.move(
                tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
          }
          return null;
        });
  }

  private static RunRecord readRun(Path file) {
    JsonNode n = io(() -> JsonText.parse(Files.readString(file), file.toString()));
    JsonNode provenance = n.path("provenance");
    return new RunRecord(
        n.path("id").asText(),
        n.path("kind").asText(),
        JobStatus.valueOf(n.path("status").asText()),
        JsonText.write(n.path("config")),
        Instant.parse(n.path("createdAt").asText()),
        Instant.parse(n.path("updatedAt").asText()),
        provenance.isMissingNode() || provenance.isNull() ? null : JsonText.write(provenance));
  }

  private static String metricLine(MetricPoint p) {
    ObjectNode node = NODES.objectNode();
    node.put("step", p.step());
    node.put("name", p.name());
    // JSON has no NaN or infinities: store those as their Java names in a string.
    if (Double.isFinite(p.value())) {
      node.put("value", p.value());
    } else {
      node.put("value", Double.toString(p.value()));
    }
    node.put("time", p.time().toString());
    return JsonText.write(node);
  }

  private static MetricPoint metricPoint(String runId, String line) {
    JsonNode n = JsonText.parse(line, METRICS_FILE + " line");
    JsonNode value = n.path("value");
    return new MetricPoint(
        runId,
        n.path("step").asLong(),
        n.path("name").asText(),
        value.isTextual() ? Double.parseDouble(value.asText()) : value.asDouble(),
        Instant.parse(n.path("time").asText()));
  }

  private static String sampleLine(SampleRecord s) {
    ObjectNode node = NODES.objectNode();
    node.put("key", s.key());
    node.set("sample", JsonText.parse(s.json(), "sample json"));
    return JsonText.write(node);
  }

  private static SampleRecord sampleRecord(String runId, String line) {
    JsonNode n = JsonText.parse(line, SAMPLES_FILE + " line");
    return new SampleRecord(runId, n.path("key").asText(), JsonText.write(n.path("sample")));
  }

  @FunctionalInterface
  private interface IoAction<T> {
    T run() throws IOException;
  }

  private static <T> T io(IoAction<T> action) {
    try {
      return action.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
