package org.c2lab.web.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import javax.sql.DataSource;
import org.c2lab.core.job.JobStatus;
import org.c2lab.core.store.DuplicateRunException;
import org.c2lab.core.store.MetricPoint;
import org.c2lab.core.store.NoSuchRunException;
import org.c2lab.core.store.Page;
import org.c2lab.core.store.PageRequest;
import org.c2lab.core.store.RunRecord;
import org.c2lab.core.store.RunStore;
import org.c2lab.core.store.SampleRecord;

/**
 * A {@link RunStore} in a SQL database (H2 or PostgreSQL) over plain JDBC, with the schema of the
 * Flyway migrations in {@code db/migration} ({@link StoreSchema}). Every metric and sample gets a
 * dense per-run ordinal, assigned under the run's row lock, so append order is exact across
 * concurrent writers and paging a run's samples is a range scan of the primary key. Appends are
 * batched and transactional: all rows of a call or none. Thread-safe: each call takes its own
 * connection from the pool.
 */
public final class JdbcRunStore implements RunStore {
  /** The longest run kind and metric name the schema holds. */
  public static final int MAX_NAME_LENGTH = 256;

  private static final String RUN_COLUMNS =
      "id, kind, status, config, created_at, updated_at, provenance";

  private final DataSource dataSource;
  private final Clock clock;

  /** A store in the database behind {@code dataSource}, which must have the schema migrated. */
  public JdbcRunStore(DataSource dataSource) {
    this(dataSource, Clock.systemUTC());
  }

  public JdbcRunStore(DataSource dataSource, Clock clock) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  @Override
  public RunRecord createRun(String id, String kind, String configJson) {
    Instant now = now();
    RunRecord record = new RunRecord(id, kind, JobStatus.QUEUED, configJson, now, now, null);
    checkLength("kind", kind);
    return transaction(
        "create run " + id,
        c -> {
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO runs (" + RUN_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, record.id());
            insert.setString(2, record.kind());
            insert.setString(3, record.status().name());
            insert.setString(4, record.configJson());
            insert.setObject(5, utc(record.createdAt()));
            insert.setObject(6, utc(record.updatedAt()));
            insert.setString(7, null);
            insert.executeUpdate();
          } catch (SQLException e) {
            if ("23505"
                .equals(e.getSQLState())) { // unique violation, same code in H2 and PostgreSQL
              throw new DuplicateRunException(id);
            }
            throw e;
          }
          return record;
        });
  }

  @Override
  public Optional<RunRecord> getRun(String id) {
    Objects.requireNonNull(id, "id");
    return transaction("read run " + id, c -> findRun(c, id, false));
  }

  @Override
  public Page<RunRecord> listRuns(PageRequest page) {
    return transaction(
        "list runs",
        c -> {
          long total = count(c, "SELECT COUNT(*) FROM runs");
          List<RunRecord> items = new ArrayList<>();
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT "
                      + RUN_COLUMNS
                      + " FROM runs ORDER BY created_at DESC, id LIMIT ? OFFSET ?")) {
            q.setInt(1, page.limit());
            q.setLong(2, page.offset());
            try (ResultSet rs = q.executeQuery()) {
              while (rs.next()) {
                items.add(run(rs));
              }
            }
          }
          return new Page<>(items, page.offset(), total);
        });
  }

  @Override
  public RunRecord updateStatus(String id, JobStatus status) {
    Objects.requireNonNull(status, "status");
    return update(id, r -> r.withStatus(status, now()));
  }

  @Override
  public RunRecord updateProvenance(String id, String provenanceJson) {
    Objects.requireNonNull(provenanceJson, "provenanceJson");
    return update(id, r -> r.withProvenance(provenanceJson, now()));
  }

  private RunRecord update(String id, Function<RunRecord, RunRecord> change) {
    return transaction(
        "update run " + id,
        c -> {
          RunRecord updated =
              change.apply(findRun(c, id, true).orElseThrow(() -> new NoSuchRunException(id)));
          try (PreparedStatement u =
              c.prepareStatement(
                  "UPDATE runs SET status = ?, provenance = ?, updated_at = ? WHERE id = ?")) {
            u.setString(1, updated.status().name());
            u.setString(2, updated.provenanceJson());
            u.setObject(3, utc(updated.updatedAt()));
            u.setString(4, id);
            u.executeUpdate();
          }
          return updated;
        });
  }

  @Override
  public void appendMetrics(List<MetricPoint> points) {
    points.forEach(p -> checkLength("metric name", p.name()));
    List<MetricPoint> copy = List.copyOf(points);
    if (copy.isEmpty()) {
      return;
    }
    transaction(
        "append metrics",
        c -> {
          Map<String, Long> next =
              reserve(c, copy.stream().map(MetricPoint::runId).toList(), "metric_count");
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO metrics (run_id, ordinal, step, name, metric_value, value_bits,"
                      + " measured_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (MetricPoint p : copy) {
              insert.setString(1, p.runId());
              insert.setLong(2, next.merge(p.runId(), 1L, Long::sum) - 1);
              insert.setLong(3, p.step());
              insert.setString(4, p.name());
              insert.setDouble(5, p.value());
              insert.setLong(6, Double.doubleToLongBits(p.value()));
              insert.setObject(7, utc(p.time()));
              insert.addBatch();
            }
            insert.executeBatch();
          }
          return null;
        });
  }

  @Override
  public Page<MetricPoint> metrics(String runId, PageRequest page) {
    return transaction(
        "read metrics of " + runId,
        c -> {
          long total = counter(c, runId, "metric_count");
          // the ordinal is the position, so a page is a key range: no OFFSET scan
          return metricPage(
              c,
              "SELECT step, name, value_bits, measured_at FROM metrics"
                  + " WHERE run_id = ? AND ordinal >= ? AND ordinal < ? ORDER BY ordinal LIMIT ?",
              runId,
              List.of(runId, page.offset(), total, page.limit()),
              page,
              total);
        });
  }

  @Override
  public Page<MetricPoint> metrics(String runId, String name, PageRequest page) {
    Objects.requireNonNull(name, "name");
    return transaction(
        "read metric " + name + " of " + runId,
        c -> {
          // rows at or past the counter belong to an append that committed after it was read
          long bound = counter(c, runId, "metric_count");
          long total;
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT COUNT(*) FROM metrics WHERE run_id = ? AND name = ? AND ordinal < ?")) {
            bind(q, List.of(runId, name, bound));
            total = single(q);
          }
          return metricPage(
              c,
              "SELECT step, name, value_bits, measured_at FROM metrics"
                  + " WHERE run_id = ? AND name = ? AND ordinal < ?"
                  + " ORDER BY ordinal LIMIT ? OFFSET ?",
              runId,
              List.of(runId, name, bound, page.limit(), page.offset()),
              page,
              total);
        });
  }

  private static Page<MetricPoint> metricPage(
      Connection c, String sql, String runId, List<?> params, PageRequest page, long total)
      throws SQLException {
    List<MetricPoint> items = new ArrayList<>();
    try (PreparedStatement q = c.prepareStatement(sql)) {
      bind(q, params);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          items.add(
              new MetricPoint(
                  runId,
                  rs.getLong(1),
                  rs.getString(2),
                  Double.longBitsToDouble(rs.getLong(3)),
                  instant(rs, 4)));
        }
      }
    }
    return new Page<>(items, page.offset(), total);
  }

  @Override
  public void appendSamples(List<SampleRecord> samples) {
    List<SampleRecord> copy = List.copyOf(samples);
    if (copy.isEmpty()) {
      return;
    }
    transaction(
        "append samples",
        c -> {
          Map<String, Long> next =
              reserve(c, copy.stream().map(SampleRecord::runId).toList(), "sample_count");
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO samples (run_id, ordinal, sample_key, json) VALUES (?, ?, ?, ?)")) {
            for (SampleRecord s : copy) {
              insert.setString(1, s.runId());
              insert.setLong(2, next.merge(s.runId(), 1L, Long::sum) - 1);
              insert.setString(3, s.key());
              insert.setString(4, s.json());
              insert.addBatch();
            }
            insert.executeBatch();
          }
          return null;
        });
  }

  @Override
  public Page<SampleRecord> samples(String runId, PageRequest page) {
    return transaction(
        "read samples of " + runId,
        c -> {
          long total = counter(c, runId, "sample_count");
          List<SampleRecord> items = new ArrayList<>();
          try (PreparedStatement q =
              c.prepareStatement(
                  "SELECT sample_key, json FROM samples WHERE run_id = ? AND ordinal >= ?"
                      + " AND ordinal < ? ORDER BY ordinal LIMIT ?")) {
            bind(q, List.of(runId, page.offset(), total, page.limit()));
            try (ResultSet rs = q.executeQuery()) {
              while (rs.next()) {
                items.add(new SampleRecord(runId, rs.getString(1), rs.getString(2)));
              }
            }
          }
          return new Page<>(items, page.offset(), total);
        });
  }

  /**
   * Locks the runs of an append (in id order, so two appends cannot deadlock), checks that all
   * exist, and moves each run's counter past the rows this append adds. Returns each run's first
   * free ordinal.
   */
  private static Map<String, Long> reserve(Connection c, List<String> runIds, String counter)
      throws SQLException {
    Map<String, Long> added = new TreeMap<>();
    runIds.forEach(id -> added.merge(id, 1L, Long::sum));
    Map<String, Long> next = new TreeMap<>();
    for (Map.Entry<String, Long> run : added.entrySet()) {
      long first = lockCounter(c, run.getKey(), counter);
      try (PreparedStatement u =
          c.prepareStatement("UPDATE runs SET " + counter + " = ? WHERE id = ?")) {
        u.setLong(1, first + run.getValue());
        u.setString(2, run.getKey());
        u.executeUpdate();
      }
      next.put(run.getKey(), first);
    }
    return next;
  }

  private static long lockCounter(Connection c, String runId, String counter) throws SQLException {
    try (PreparedStatement q =
        c.prepareStatement("SELECT " + counter + " FROM runs WHERE id = ? FOR UPDATE")) {
      q.setString(1, runId);
      try (ResultSet rs = q.executeQuery()) {
        if (!rs.next()) {
          throw new NoSuchRunException(runId);
        }
        return rs.getLong(1);
      }
    }
  }

  /** A run's counter; throws {@link NoSuchRunException} when the run does not exist. */
  private static long counter(Connection c, String runId, String counter) throws SQLException {
    Objects.requireNonNull(runId, "runId");
    try (PreparedStatement q =
        c.prepareStatement("SELECT " + counter + " FROM runs WHERE id = ?")) {
      q.setString(1, runId);
      try (ResultSet rs = q.executeQuery()) {
        if (!rs.next()) {
          throw new NoSuchRunException(runId);
        }
        return rs.getLong(1);
      }
    }
  }

  private static Optional<RunRecord> findRun(Connection c, String id, boolean lock)
      throws SQLException {
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT " + RUN_COLUMNS + " FROM runs WHERE id = ?" + (lock ? " FOR UPDATE" : ""))) {
      q.setString(1, id);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Optional.of(run(rs)) : Optional.empty();
      }
    }
  }

  private static RunRecord run(ResultSet rs) throws SQLException {
    return new RunRecord(
        rs.getString(1),
        rs.getString(2),
        JobStatus.valueOf(rs.getString(3)),
        rs.getString(4),
        instant(rs, 5),
        instant(rs, 6),
        rs.getString(7));
  }

  private static long count(Connection c, String sql) throws SQLException {
    try (PreparedStatement q = c.prepareStatement(sql)) {
      return single(q);
    }
  }

  private static long single(PreparedStatement q) throws SQLException {
    try (ResultSet rs = q.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void bind(PreparedStatement q, List<?> params) throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      q.setObject(i + 1, params.get(i));
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  private static void checkLength(String what, String value) {
    if (value != null && value.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          what + " is longer than " + MAX_NAME_LENGTH + " characters: " + value.length());
    }
  }

  /**
   * Deletes a run with its metrics, samples and any rows of other tables that reference it with
   * {@code ON DELETE CASCADE} (the lab server's queue row).
   *
   * @return whether the run existed
   */
  public boolean deleteRun(String id) {
    return transaction(
        "delete run " + id,
        c -> {
          try (PreparedStatement q = c.prepareStatement("DELETE FROM runs WHERE id = ?")) {
            q.setString(1, id);
            return q.executeUpdate() > 0;
          }
        });
  }

  /** A unit of work on one connection. */
  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
   */
  private <T> T transaction(String what, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new StoreAccessException("run store: cannot " + what, e);
    }
  }
}
