package org.c2lab.core.judge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.c2lab.core.provenance.Sha256;

/**
 * Caches another judge's verdicts by content. The key is the SHA-256 of the judge id, its {@link
 * Judge#version()}, the request, the prefilled text and the continuation, each length-prefixed: a
 * changed prompt or keyword list never reuses stale verdicts, and identical paths (common at small
 * k with greedy decoding) are judged once.
 */
public final class CachingJudge implements Judge {
  private final Judge delegate;
  private final VerdictCache cache;
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();

  public CachingJudge(Judge delegate, VerdictCache cache) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.cache = Objects.requireNonNull(cache, "cache");
  }

  /** The cache key of {@code request} for {@code judge}. */
  public static String cacheKey(Judge judge, JudgeRequest request) {
    return Sha256.ofFields(
        judge.id(),
        judge.version(),
        request.request(),
        request.prefilledText(),
        request.continuation());
  }

  @Override
  public String id() {
    return delegate.id();
  }

  @Override
  public String version() {
    return delegate.version();
  }

  @Override
  public Verdict judge(JudgeRequest request) {
    Objects.requireNonNull(request, "request");
    String key = cacheKey(delegate, request);
    Optional<Verdict> cached = cache.get(key);
    if (cached.isPresent()) {
      hits.incrementAndGet();
      return cached.get();
    }
    misses.incrementAndGet();
    Verdict verdict = delegate.judge(request);
    cache.put(key, verdict);
    return verdict;
  }

  /**
   * Looks every request up first and sends only the distinct misses to the delegate, as one batch;
   * a request repeated within the batch is judged once.
   */
  @Override
  public List<Verdict> judgeAll(List<JudgeRequest> requests) {
    List<String> keys = new ArrayList<>(requests.size());
    Map<String, Verdict> known = new HashMap<>();
    Map<String, JudgeRequest> pending = new LinkedHashMap<>();
    for (JudgeRequest request : requests) {
      String key = cacheKey(delegate, Objects.requireNonNull(request, "request"));
      keys.add(key);
      if (!known.containsKey(key) && !pending.containsKey(key)) {
        cache.get(key).ifPresentOrElse(v -> known.put(key, v), () -> pending.put(key, request));
      }
    }
    if (!pending.isEmpty()) {
      List<Verdict> fresh = delegate.judgeAll(List.copyOf(pending.values()));
      if (fresh.size() != pending.size()) {
        throw new IllegalStateException(
            delegate.id() + " returned " + fresh.size() + " verdicts for " + pending.size());
      }
      Iterator<Verdict> it = fresh.iterator();
      for (String key : pending.keySet()) {
        Verdict verdict = it.next();
        cache.put(key, verdict);
        known.put(key, verdict);
      }
    }
    misses.addAndGet(pending.size());
    hits.addAndGet(requests.size() - pending.size());
    return keys.stream().map(known::get).toList();
  }

  /** Verdicts served from the cache so far. */
  public long hits() {
    return hits.get();
  }

  /** Verdicts the delegate had to produce so far. */
  public long misses() {
    return misses.get();
  }
}
