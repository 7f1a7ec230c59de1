package org.c2lab.web.dashboard;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.c2lab.core.store.Page;
import org.c2lab.core.store.PageRequest;
import org.c2lab.web.account.AuditLog;
import org.c2lab.web.account.JdbcAuditLog;
import org.c2lab.web.account.Principal;

/**
 * A test {@link AuditLog} in memory, in the dashboard's test environment only, replacing the
 * server's {@link JdbcAuditLog} there (so the tests read what the pages and registries record).
 */
@Singleton
@Requires(env = InMemoryRunService.ENVIRONMENT)
@Replaces(JdbcAuditLog.class)
public class InMemoryAuditLog implements AuditLog {
  private final List<Entry> entries = new CopyOnWriteArrayList<>();

  @Override
  public void record(Principal actor, String action, String target, String detail) {
    entries.add(new Entry(Instant.now(), actor.username(), action, target, detail));
  }

  @Override
  public Page<Entry> list(PageRequest page) {
    List<Entry> newestFirst = new ArrayList<>(entries);
    Collections.reverse(newestFirst);
    return Page.of(newestFirst, page);
  }
}
