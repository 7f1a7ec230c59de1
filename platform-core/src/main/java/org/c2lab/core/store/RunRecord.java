package org.c2lab.core.store;

import java.time.Instant;
import java.util.Objects;
import org.c2lab.core.job.Job;
import org.c2lab.core.job.JobStatus;

/**
 * A run: one execution of a job, with its configuration and, once known, its provenance. JSON
 * fields are kept in compact canonical form, so every store returns the same text.
 *
 * @param id the run id, also its job id ({@link Job#ID_PATTERN})
 * @param kind what the run does, e.g. {@code c2-eval}
 * @param status where the run is
 * @param configJson the run configuration as a JSON document
 * @param createdAt when the run was created
 * @param updatedAt when it last changed, not before createdAt
 * @param provenanceJson the provenance document, or {@code null} until written
 */
public record RunRecord(
    String id,
    String kind,
    JobStatus status,
    String configJson,
    Instant createdAt,
    Instant updatedAt,
    String provenanceJson) {

  public RunRecord {
    Job.checkId(id);
    Objects.requireNonNull(kind, "kind");
    if (kind.isBlank()) {
      throw new IllegalArgumentException("kind must not be blank");
    }
    Objects.requireNonNull(status, "status");
    configJson = JsonText.canonical(Objects.requireNonNull(configJson, "configJson"), "configJson");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (updatedAt.isBefore(createdAt)) {
      throw new IllegalArgumentException("updatedAt " + updatedAt + " is before " + createdAt);
    }
    provenanceJson =
        provenanceJson == null ? null : JsonText.canonical(provenanceJson, "provenanceJson");
  }

  /** This run with another status, updated at {@code now} (or createdAt if the clock lags). */
  public RunRecord withStatus(JobStatus newStatus, Instant now) {
    return new RunRecord(id, kind, newStatus, configJson, createdAt, later(now), provenanceJson);
  }

  /** This run with its provenance, updated at {@code now} (or createdAt if the clock lags). */
  public RunRecord withProvenance(String json, Instant now) {
    return new RunRecord(id, kind, status, configJson, createdAt, later(now), json);
  }

  private Instant later(Instant now) {
    return now.isBefore(createdAt) ? createdAt : now;
  }
}
