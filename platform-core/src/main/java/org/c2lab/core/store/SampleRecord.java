package org.c2lab.core.store;

import java.util.Objects;
import org.c2lab.core.job.Job;

/**
 * One per-sample record of a run (a judged path, a synthesized pair), opaque to the store.
 *
 * @param runId the run
 * @param key the caller's key of the sample, e.g. {@code req-17/k=30/path=4}
 * @param json the sample as a JSON document, kept in compact canonical form
 */
public record SampleRecord(String runId, String key, String json) {
  public SampleRecord {
    Job.checkId(runId);
    Objects.requireNonNull(key, "key");
    if (key.isBlank()) {
      throw new IllegalArgumentException("sample key must not be blank");
    }
    json = JsonText.canonical(Objects.requireNonNull(json, "json"), "sample json");
  }
}
