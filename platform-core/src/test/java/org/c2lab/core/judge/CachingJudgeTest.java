package org.c2lab.core.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CachingJudgeTest extends JudgeContract {
  /** Counts what reaches the wrapped judge. */
  static final class CountingJudge implements Judge {
    final Judge inner;
    final String version;
    final List<Integer> batchSizes = new ArrayList<>();
    int singleCalls;

    CountingJudge(Judge inner, String version) {
      this.inner = inner;
      this.version = version;
    }

    @Override
    public String id() {
      return inner.id();
    }

    @Override
    public String version() {
      return version;
    }

    @Override
    public synchronized Verdict judge(JudgeRequest request) {
      singleCalls++;
      return inner.judge(request);
    }

    @Override
    public synchronized List<Verdict> judgeAll(List<JudgeRequest> requests) {
      batchSizes.add(requests.size());
      return requests.stream().map(inner::judge).toList();
    }
  }

  private final CountingJudge counting =
      new CountingJudge(new KeywordJudge(KeywordJudgeTest.REFERENCE_KEYWORDS), "v1");

  @Override
  protected Judge createJudge() {
    return new CachingJudge(counting, new InMemoryVerdictCache());
  }

  @Test
  void servesARepeatedRequestFromTheCache() {
    CachingJudge caching = (CachingJudge) judge;
    Verdict first = caching.judge(correcting());
    Verdict second = caching.judge(correcting());
    assertSame(first, second);
    assertEquals(1, counting.singleCalls);
    assertEquals(1, caching.hits());
    assertEquals(1, caching.misses());
  }

  @Test
  void batchSendsOnlyDistinctMissesInOneCall() {
    CachingJudge caching = (CachingJudge) judge;
    caching.judge(correcting());
    List<JudgeRequest> batch = List.of(complying(), correcting(), complying());
    List<Verdict> verdicts = caching.judgeAll(batch);
    assertEquals(List.of(1), counting.batchSizes);
    assertEquals(List.of(false, true, false), verdicts.stream().map(Verdict::corrected).toList());
  }

  @Test
  void keyDependsOnEveryFieldAndItsBoundaries() {
    Judge j = counting;
    String base = CachingJudge.cacheKey(j, new JudgeRequest("a", "b", "c"));
    assertNotEquals(base, CachingJudge.cacheKey(j, new JudgeRequest("ab", "", "c")));
    assertNotEquals(base, CachingJudge.cacheKey(j, new JudgeRequest("a", "bc", "")));
    assertNotEquals(base, CachingJudge.cacheKey(j, new JudgeRequest("a", "b", "c ")));
    assertEquals(base, CachingJudge.cacheKey(j, new JudgeRequest("a", "b", "c")));
  }

  @Test
  void newJudgeVersionDoesNotReuseOldVerdicts() {
    InMemoryVerdictCache shared = new InMemoryVerdictCache();
    new CachingJudge(counting, shared).judge(correcting());
    CountingJudge revised = new CountingJudge(counting.inner, "v2");
    new CachingJudge(revised, shared).judge(correcting());
    assertEquals(1, revised.singleCalls);
    assertEquals(2, shared.size());
  }

  @Test
  void exposesTheWrappedJudgesIdentity() {
    assertEquals(counting.id(), judge.id());
    assertEquals("v1", judge.version());
  }
}
