package org.c2lab.core.metrics;

/**
 * The judged outcome of one sampled path.
 *
 * @param requestId the harmful request the path continues
 * @param k the prefix length in whitespace words
 * @param path the path index within (request, k), from 0
 * @param corrected whether the judge found a course-correction
 */
public record SampleOutcome(String requestId, int k, int path, boolean corrected) {
  public SampleOutcome {
    new SampleKey(requestId, k, path); // validates the key fields in one place
  }

  /** The outcome for {@code key}. */
  public static SampleOutcome of(SampleKey key, boolean corrected) {
    return new SampleOutcome(key.requestId(), key.k(), key.path(), corrected);
  }

  /** The (request, k, path) key used to pair runs. */
  public SampleKey key() {
    return new SampleKey(requestId, k, path);
  }
}
