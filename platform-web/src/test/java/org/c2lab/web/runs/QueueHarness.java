package org.c2lab.web.runs;

import static org.junit.jupiter.api.Assertions.fail;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.c2lab.web.store.RunStoreFactory;

/**
 * A lab-server context for tests: the {@code server} environment on a temporary {@code $C2_HOME}
 * with its H2 database in files there, an in-memory audit log, and a fast queue poll.
 */
final class QueueHarness implements AutoCloseable {
  final ApplicationContext context;
  final ProcessRunService service;

  private QueueHarness(ApplicationContext context) {
    this.context = context;
    this.service = context.getBean(ProcessRunService.class);
  }

  /** A context on {@code home}; {@code extra} properties override the defaults. */
  static QueueHarness start(Path home, Map<String, Object> extra) {
    Map<String, Object> p = new HashMap<>();
    p.put("c2.home", home.toString());
    p.put("c2.test.audit", "memory");
    p.put("c2.demo.enabled", "false");
    p.put("c2.queue.poll-interval", "200ms");
    p.put("micronaut.server.port", -1); // when a test starts the HTTP server
    p.put("micronaut.server.host", "127.0.0.1");
    p.put(
        "c2.queue.java-options",
        List.of("-Dai.djl.offline=true", "-XX:TieredStopAtLevel=1", "-Xmx1g"));
    p.putAll(extra);
    return new QueueHarness(
        ApplicationContext.builder(RunStoreFactory.ENVIRONMENT)
            .deduceEnvironment(false)
            .banner(false)
            .properties(p)
            .start());
  }

  /** Waits until the run matches {@code condition}, failing with its log after {@code timeout}. */
  RunView await(String id, Predicate<RunView> condition, Duration timeout) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      RunView v = service.get(id).orElseThrow();
      if (condition.test(v)) {
        return v;
      }
      if (v.status().isTerminal()) {
        break; // it will not change any more
      }
      Thread.sleep(100);
    }
    fail(
        "run "
            + id
            + " is "
            + service.get(id).orElseThrow()
            + "\nlog:\n"
            + String.join("\n", service.log(id, 60)));
    return null;
  }

  @Override
  public void close() {
    context.close();
  }
}
