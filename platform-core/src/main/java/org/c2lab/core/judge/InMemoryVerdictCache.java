package org.c2lab.core.judge;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An unbounded, thread-safe verdict cache in memory, for tests and single runs. */
public final class InMemoryVerdictCache implements VerdictCache {
  private final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();

  @Override
  public Optional<Verdict> get(String key) {
    return Optional.ofNullable(verdicts.get(key));
  }

  @Override
  public void put(String key, Verdict verdict) {
    verdicts.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(verdict, "verdict"));
  }

  /** Number of cached verdicts. */
  public int size() {
    return verdicts.size();
  }
}
