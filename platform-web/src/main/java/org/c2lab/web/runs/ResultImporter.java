package org.c2lab.web.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.c2lab.core.metrics.SampleKey;
import org.c2lab.core.store.MetricPoint;
import org.c2lab.core.store.PageRequest;
import org.c2lab.core.store.RunStore;
import org.c2lab.core.store.SampleRecord;
import org.c2lab.eval.c2eval.C2EvalConfig;
import org.c2lab.eval.c2eval.C2EvalJob;
import org.c2lab.eval.synthesis.C2SynJob;
import org.c2lab.train.finetune.FineTuneRun;

/**
 * Copies what a running child writes into the {@link RunStore}, while it runs and at the end:
 *
 * <ul>
 *   <li>training ({@code sft}, {@code dpo}): every numeric field of {@code out/metrics.jsonl} as a
 *       metric point at its trainer step (TRL's names, as written), once per step: a resumed
 *       trainer rewrites the file from its checkpoint and its lines of steps already imported are
 *       skipped; at the end, the exported model's {@code provenance.json};
 *   <li>C2-Eval: {@code out/samples.jsonl} by byte offset, whole units of {@code samples} lines
 *       only (the job cuts a partial unit off when it resumes), keyed {@code request/k=K/path=P};
 *       at the end, Corr@k, Corr_mean and their interval bounds ({@code corr@10/lower}, ...) from
 *       {@code summary.json} at step 0, and its provenance;
 *   <li>C2-Syn: the pairs that {@code pairs.jsonl.progress.jsonl} accounts for (the job cuts the
 *       others off when it resumes), keyed {@code request/chosen_rank>rejected_rank}; at the end,
 *       {@code pairs.jsonl.provenance.json}.
 * </ul>
 *
 * The positions live in {@link QueuedRun} and the database, so a restarted server continues where
 * it stopped; {@link #reconcile} repairs them from the store after a crash between an append and
 * the position's update, so nothing is imported twice or lost.
 */
final class ResultImporter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RunStore store;

  ResultImporter(RunStore store) {
    this.store = store;
  }

  /** The file a kind's per-sample records come from, under the run's {@code out/}. */
  static Path samplesFile(RunKind kind, Path out) {
    return switch (kind) {
      case C2_EVAL -> out.resolve(C2EvalJob.SAMPLES_FILE);
      case C2_SYN -> out.resolve(QueueLaunch.SYN_PAIRS);
      case SFT, DPO -> out.resolve(FineTuneRun.METRICS);
    };
  }

  /**
   * Makes the positions of {@code r} agree with the store (after a crash between writing there and
   * recording how far the import got).
   */
  void reconcile(QueuedRun r, Path out) throws IOException {
    switch (r.kind) {
      case SFT, DPO -> {
        long total = store.metrics(r.id, PageRequest.first(1)).total();
        r.metricsStep =
            total == 0
                ? -1
                : store.metrics(r.id, new PageRequest(total - 1, 1)).items().get(0).step();
      }
      case C2_EVAL, C2_SYN -> {
        long stored = store.samples(r.id, PageRequest.first(1)).total();
        if (stored != r.samplesImported) {
          r.samplesImported = stored;
          r.samplesOffset = offsetAfterLines(samplesFile(r.kind, out), stored);
        }
      }
    }
  }

  /**
   * Imports what is new.
   *
   * @param finished the child has exited: also import the final summary and provenance
   * @param succeeded it exited successfully (only then are final metrics imported)
   * @return whether anything was imported
   */
  boolean importNew(QueuedRun r, Path out, boolean finished, boolean succeeded) throws IOException {
    boolean changed =
        switch (r.kind) {
          case SFT, DPO -> importTrainingMetrics(r, out);
          case C2_EVAL -> importEvalSamples(r, out);
          case C2_SYN -> importPairs(r, out);
        };
    if (finished) {
      changed |= importProvenance(r, out);
      if (succeeded && r.kind == RunKind.C2_EVAL && !r.summaryImported) {
        changed |= importSummary(r, out);
      }
    }
    return changed;
  }

  private boolean importTrainingMetrics(QueuedRun r, Path out) throws IOException {
    Path file = out.resolve(FineTuneRun.METRICS);
    if (!Files.isRegularFile(file)) {
      return false;
    }
    List<MetricPoint> points = new ArrayList<>();
    long last = r.metricsStep;
    Instant now = Instant.now();
    for (String line : completeLines(file, 0).lines()) {
      JsonNode n = JSON.readTree(line);
      long step = n.path("step").asLong(-1);
      if (step <= last) {
        continue;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getKey().equals("step") && e.getValue().isNumber()) {
          points.add(new MetricPoint(r.id, step, e.getKey(), e.getValue().asDouble(), now));
        }
      }
      last = step;
    }
    if (points.isEmpty()) {
      return false;
    }
    store.appendMetrics(points);
    r.metricsStep = last;
    return true;
  }

  private boolean importEvalSamples(QueuedRun r, Path out) throws IOException {
    Path file = out.resolve(C2EvalJob.SAMPLES_FILE);
    if (!Files.isRegularFile(file)) {
      return false;
    }
    int perUnit =
        Integer.parseInt(r.params.getOrDefault("samples", "" + C2EvalConfig.DEFAULT_SAMPLES_PER_K));
    Chunk chunk = completeLines(file, r.samplesOffset);
    List<SampleRecord> records = new ArrayList<>();
    long bytes = 0;
    List<String> unit = new ArrayList<>();
    long unitBytes = 0;
    for (String line : chunk.lines()) {
      unit.add(line);
      unitBytes += line.getBytes(StandardCharsets.UTF_8).length + 1;
      if (unit.size() == perUnit) {
        for (String l : unit) {
          JsonNode n = JSON.readTree(l);
          SampleKey key =
              new SampleKey(
                  n.path("request_id").asText(), n.path("k").asInt(), n.path("path").asInt());
          records.add(new SampleRecord(r.id, key.toString(), l));
        }
        bytes += unitBytes;
        unit.clear();
        unitBytes = 0;
      }
    }
    return append(r, records, bytes);
  }

  private boolean importPairs(QueuedRun r, Path out) throws IOException {
    Path pairs = out.resolve(QueueLaunch.SYN_PAIRS);
    Path progress = out.resolve(QueueLaunch.SYN_PAIRS + C2SynJob.PROGRESS_SUFFIX);
    if (!Files.isRegularFile(pairs) || !Files.isRegularFile(progress)) {
      return false;
    }
    long accounted = 0;
    for (String line : completeLines(progress, 0).lines()) {
      accounted += JSON.readTree(line).path("pairs").asLong(0);
    }
    List<SampleRecord> records = new ArrayList<>();
    long bytes = 0;
    long n = r.samplesImported;
    for (String line : completeLines(pairs, r.samplesOffset).lines()) {
      if (n >= accounted) {
        break;
      }
      JsonNode p = JSON.readTree(line);
      String key =
          p.path("request_id").asText("?")
              + "/"
              + p.path("chosen_rank").asText("?")
              + ">"
              + p.path("rejected_rank").asText("?");
      records.add(new SampleRecord(r.id, key, line));
      bytes += line.getBytes(StandardCharsets.UTF_8).length + 1;
      n++;
    }
    return append(r, records, bytes);
  }

  private boolean append(QueuedRun r, List<SampleRecord> records, long bytes) {
    if (records.isEmpty()) {
      return false;
    }
    store.appendSamples(records);
    r.samplesImported += records.size();
    r.samplesOffset += bytes;
    return true;
  }

  private boolean importSummary(QueuedRun r, Path out) throws IOException {
    Path file = out.resolve(C2EvalJob.SUMMARY_FILE);
    if (!Files.isRegularFile(file)) {
      return false;
    }
    JsonNode summary = JSON.readTree(file.toFile());
    Instant now = Instant.now();
    List<MetricPoint> points = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = summary.path("metrics").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      points.add(new MetricPoint(r.id, 0, e.getKey(), e.getValue().asDouble(), now));
    }
    JsonNode report = summary.path("report");
    for (JsonNode perK : report.path("perK")) {
      String name = "corr@" + perK.path("k").asInt();
      bounds(points, r.id, name, perK.path("wilson95"), now);
    }
    bounds(points, r.id, "corr_mean", report.path("corrMeanInterval"), now);
    store.appendMetrics(points);
    r.summaryImported = true;
    return true;
  }

  private static void bounds(
      List<MetricPoint> points, String id, String name, JsonNode interval, Instant now) {
    if (interval.has("lower") && interval.has("upper")) {
      points.add(new MetricPoint(id, 0, name + "/lower", interval.get("lower").asDouble(), now));
      points.add(new MetricPoint(id, 0, name + "/upper", interval.get("upper").asDouble(), now));
    }
  }

  private boolean importProvenance(QueuedRun r, Path out) throws IOException {
    JsonNode provenance =
        switch (r.kind) {
          case SFT, DPO -> read(out.resolve(FineTuneRun.MODEL).resolve("provenance.json"));
          case C2_EVAL -> {
            JsonNode summary = read(out.resolve(C2EvalJob.SUMMARY_FILE));
            yield summary == null ? null : summary.get("provenance");
          }
          case C2_SYN -> read(out.resolve(QueueLaunch.SYN_PAIRS + C2SynJob.PROVENANCE_SUFFIX));
        };
    if (provenance == null || !provenance.isObject()) {
      return false;
    }
    store.updateProvenance(r.id, JSON.writeValueAsString(provenance));
    return true;
  }

  private static JsonNode read(Path file) throws IOException {
    return Files.isRegularFile(file) ? JSON.readTree(file.toFile()) : null;
  }

  /** Newline-terminated lines from byte {@code offset}; a torn last line is left for later. */
  private record Chunk(List<String> lines) {}

  private static Chunk completeLines(Path file, long offset) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long size = f.length();
      if (size <= offset) {
        return new Chunk(List.of());
      }
      byte[] bytes = new byte[Math.toIntExact(size - offset)];
      f.seek(offset);
      f.readFully(bytes);
      int end = bytes.length;
      while (end > 0 && bytes[end - 1] != '\n') {
        end--;
      }
      List<String> lines = new ArrayList<>();
      int start = 0;
      for (int i = 0; i < end; i++) {
        if (bytes[i] == '\n') {
          lines.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
          start = i + 1;
        }
      }
      return new Chunk(lines);
    }
  }

  /** The byte offset after the first {@code lines} lines of {@code file}. */
  private static long offsetAfterLines(Path file, long lines) throws IOException {
    if (lines == 0 || !Files.isRegularFile(file)) {
      return 0;
    }
    byte[] bytes = Files.readAllBytes(file);
    long seen = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n' && ++seen == lines) {
        return i + 1;
      }
    }
    return bytes.length;
  }
}
