package org.c2lab.web.account;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import javax.sql.DataSource;
import org.c2lab.core.store.Page;
import org.c2lab.core.store.PageRequest;
import org.c2lab.web.store.Jdbc;
import org.c2lab.web.store.RunStoreFactory;

/** The {@link AuditLog} in the {@code audit_log} table: append-only, listed newest first. */
@Singleton
@Requires(env = RunStoreFactory.ENVIRONMENT)
@Requires(beans = DataSource.class)
public class JdbcAuditLog implements AuditLog {
  private final Jdbc db;
  private final Clock clock;

  public JdbcAuditLog(DataSource dataSource) {
    this(dataSource, Clock.systemUTC());
  }

  JdbcAuditLog(DataSource dataSource, Clock clock) {
    this.db = new Jdbc(dataSource, "audit log");
    this.clock = clock;
  }

  @Override
  public void record(Principal actor, String action, String target, String detail) {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(target, "target");
    Instant at = clock.instant();
    db.update(
        "INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)",
        at,
        actor.username(),
        action,
        target,
        detail == null ? "" : detail);
  }

  @Override
  public Page<Entry> list(PageRequest page) {
    long total = db.count("SELECT COUNT(*) FROM audit_log");
    var items =
        db.query(
            "SELECT at, actor, action, target, detail FROM audit_log"
                + " ORDER BY at DESC, id DESC LIMIT ? OFFSET ?",
            rs ->
                new Entry(
                    Jdbc.instant(rs, "at"),
                    rs.getString("actor"),
                    rs.getString("action"),
                    rs.getString("target"),
                    rs.getString("detail")),
            page.limit(),
            page.offset());
    return new Page<>(items, page.offset(), total);
  }
}
