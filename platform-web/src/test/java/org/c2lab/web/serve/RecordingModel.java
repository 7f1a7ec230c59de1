package org.c2lab.web.serve;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.c2lab.core.model.Capabilities;
import org.c2lab.core.model.Generation;
import org.c2lab.core.model.GenerationRequest;
import org.c2lab.core.model.LanguageModel;
import org.c2lab.core.model.Prompt;
import org.c2lab.core.model.Score;
import org.c2lab.core.model.ScoreRequest;

/** A model that records the prompts it is given and can hold generations until released. */
final class RecordingModel implements LanguageModel {
  private final LanguageModel delegate;
  private final List<Prompt> prompts = new CopyOnWriteArrayList<>();
  private volatile CountDownLatch hold = new CountDownLatch(0);
  private final CountDownLatch entered = new CountDownLatch(1);

  RecordingModel(LanguageModel delegate) {
    this.delegate = delegate;
  }

  List<Prompt> prompts() {
    return List.copyOf(prompts);
  }

  /** Generations wait until {@link #release()}. */
  void hold() {
    hold = new CountDownLatch(1);
  }

  void release() {
    hold.countDown();
  }

  /** Waits until a generation has started. */
  boolean awaitGeneration() throws InterruptedException {
    return entered.await(10, TimeUnit.SECONDS);
  }

  @Override
  public String id() {
    return delegate.id();
  }

  @Override
  public Capabilities capabilities() {
    return delegate.capabilities();
  }

  @Override
  public List<List<Generation>> generate(List<GenerationRequest> requests) {
    requests.forEach(r -> prompts.add(r.prompt()));
    entered.countDown();
    try {
      hold.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return delegate.generate(requests);
  }

  @Override
  public List<Score> score(List<ScoreRequest> requests) {
    return delegate.score(requests);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
