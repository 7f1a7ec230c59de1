package org.c2lab.core.judge;

import java.util.Optional;

/**
 * Stores verdicts by content key (see {@link CachingJudge}). Implementations are thread-safe; a
 * persistent one lets a resumed or repeated evaluation skip judge calls it already paid for.
 */
public interface VerdictCache {
  /** The verdict stored under {@code key}, if any. */
  Optional<Verdict> get(String key);

  /** Stores {@code verdict} under {@code key}, replacing any earlier one. */
  void put(String key, Verdict verdict);
}
