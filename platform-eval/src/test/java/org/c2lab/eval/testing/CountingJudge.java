package org.c2lab.eval.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.c2lab.core.judge.Judge;
import org.c2lab.core.judge.JudgeRequest;
import org.c2lab.core.judge.Verdict;

/** Records the batches a real judge it delegates to receives. */
public final class CountingJudge implements Judge {
  private final Judge delegate;

  /** The size of each judgeAll batch, in call order. */
  public final List<Integer> batches = new CopyOnWriteArrayList<>();

  /** Every request judged, in order. */
  public final List<JudgeRequest> requests = new CopyOnWriteArrayList<>();

  public CountingJudge(Judge delegate) {
    this.delegate = delegate;
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
    requests.add(request);
    return delegate.judge(request);
  }

  @Override
  public List<Verdict> judgeAll(List<JudgeRequest> batch) {
    batches.add(batch.size());
    requests.addAll(batch);
    return delegate.judgeAll(batch);
  }
}
