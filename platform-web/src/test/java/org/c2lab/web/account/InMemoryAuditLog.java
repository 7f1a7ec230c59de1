package org.c2lab.web.account;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.c2lab.core.store.Page;
import org.c2lab.core.store.PageRequest;

/**
 * An {@link AuditLog} in memory for tests of the run service and its API, active when a test sets
 * {@code c2.test.audit=memory} (the server's JDBC audit log comes from the accounts code).
 */
@Singleton
@Replaces(JdbcAuditLog.class)
@Requires(property = "c2.test.audit", value = "memory")
public class InMemoryAuditLog implements AuditLog {
  private final List<Entry> entries = new ArrayList<>();

  @Override
  public synchronized void record(Principal actor, String action, String target, String detail) {
    entries.add(0, new Entry(Instant.now(), actor.username(), action, target, detail));
  }

  @Override
  public synchronized Page<Entry> list(PageRequest page) {
    return Page.of(List.copyOf(entries), page);
  }

  /** Every entry, newest first. */
  public synchronized List<Entry> entries() {
    return List.copyOf(entries);
  }
}
