package org.c2lab.web.runs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.c2lab.core.job.JobStatus;

/**
 * A run as listings, the run page and the REST API show it.
 *
 * @param id the run id
 * @param kind what it runs
 * @param name its label
 * @param owner who launched it
 * @param status where it is
 * @param priority its priority in its lane
 * @param lane the lane it waits in or runs on, e.g. {@code cuda:0} or {@code cpu}
 * @param params the request's parameters
 * @param commandLine the equivalent {@code ./c2} command line, as run
 * @param done units done
 * @param total units in all, or -1 when unknown
 * @param eta estimated time left, or null
 * @param message the job's last progress message
 * @param createdAt when it was queued
 * @param startedAt when it last started, or null
 * @param finishedAt when it ended, or null
 * @param error why it failed, or null
 * @param dependsOn runs it waits for
 */
public record RunView(
    String id,
    RunKind kind,
    String name,
    String owner,
    JobStatus status,
    int priority,
    String lane,
    Map<String, String> params,
    List<String> commandLine,
    long done,
    long total,
    Duration eta,
    String message,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    String error,
    List<String> dependsOn) {}
