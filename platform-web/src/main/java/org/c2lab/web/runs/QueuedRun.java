package org.c2lab.web.runs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.c2lab.core.job.JobStatus;

/**
 * The queue's working record of one run: what was asked, where it waits, how far it got and how
 * much of its output has been imported. Mutable, guarded by the service's lock, and written through
 * to {@code run_queue} (status to {@code runs}) on every change.
 */
final class QueuedRun {
  final String id;
  final long seq;
  final String owner;
  final String name;
  final RunKind kind;
  final int priority;
  final String lane;
  final Map<String, String> params;
  final List<String> dependsOn;
  final Instant createdAt;

  JobStatus status = JobStatus.QUEUED;
  List<String> argv = List.of();
  boolean resume;
  Long pid;
  Long pidStartedMs;
  long done;
  long total = -1;
  Long etaSeconds;
  String message = "";
  Instant startedAt;
  Instant finishedAt;
  String error;
  long samplesOffset;
  long samplesImported;
  long metricsStep = -1;
  boolean summaryImported;

  QueuedRun(
      String id,
      long seq,
      String owner,
      String name,
      RunKind kind,
      int priority,
      String lane,
      Map<String, String> params,
      List<String> dependsOn,
      Instant createdAt) {
    this.id = id;
    this.seq = seq;
    this.owner = owner;
    this.name = name;
    this.kind = kind;
    this.priority = priority;
    this.lane = lane;
    this.params = new LinkedHashMap<>(params);
    this.dependsOn = new ArrayList<>(dependsOn);
    this.createdAt = createdAt;
  }

  /** The view the dashboard and the API show. */
  RunView view() {
    List<String> line = new ArrayList<>();
    line.add("./c2");
    line.addAll(argv);
    return new RunView(
        id,
        kind,
        name,
        owner,
        status,
        priority,
        lane,
        Collections.unmodifiableMap(new LinkedHashMap<>(params)), // in form order
        argv.isEmpty() ? List.of() : List.copyOf(line),
        done,
        total,
        etaSeconds == null ? null : Duration.ofSeconds(etaSeconds),
        message,
        createdAt,
        startedAt,
        finishedAt,
        error,
        List.copyOf(dependsOn));
  }
}
