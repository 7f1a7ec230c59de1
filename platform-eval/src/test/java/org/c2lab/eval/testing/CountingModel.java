package org.c2lab.eval.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.c2lab.core.model.Capabilities;
import org.c2lab.core.model.Generation;
import org.c2lab.core.model.GenerationRequest;
import org.c2lab.core.model.LanguageModel;

/** Records every generate call of a real model it delegates to. */
public final class CountingModel implements LanguageModel {
  private final LanguageModel delegate;

  /** The requests of each generate call, in call order. */
  public final List<List<GenerationRequest>> calls = new CopyOnWriteArrayList<>();

  public CountingModel(LanguageModel delegate) {
    this.delegate = delegate;
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
    calls.add(List.copyOf(requests));
    return delegate.generate(requests);
  }

  /** Generation requests over all calls. */
  public long requests() {
    return calls.stream().mapToLong(List::size).sum();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
