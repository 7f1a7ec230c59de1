package org.c2lab.web.runs;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/** {@link QueueHarness} for tests in other packages. */
public final class QueueHarnessAccess implements AutoCloseable {
  private final QueueHarness harness;

  private QueueHarnessAccess(QueueHarness harness) {
    this.harness = harness;
  }

  /** A server context on {@code home} with {@code extra} properties. */
  public static QueueHarnessAccess start(Path home, Map<String, Object> extra) {
    return new QueueHarnessAccess(QueueHarness.start(home, extra));
  }

  public ApplicationContext context() {
    return harness.context;
  }

  public RunService service() {
    return harness.service;
  }

  /** Waits until the run matches {@code condition} or ended; fails with its log otherwise. */
  public RunView await(String id, Predicate<RunView> condition, Duration timeout) throws Exception {
    return harness.await(id, condition, timeout);
  }

  @Override
  public void close() {
    harness.close();
  }
}
