package org.c2lab.core.store;

import java.time.Clock;

class InMemoryRunStoreTest extends RunStoreContract {
  @Override
  protected RunStore createStore(Clock clock) {
    return new InMemoryRunStore(clock);
  }
}
