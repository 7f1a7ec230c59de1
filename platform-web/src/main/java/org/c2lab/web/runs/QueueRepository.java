package org.c2lab.web.runs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.c2lab.core.job.JobStatus;
import org.c2lab.web.store.StoreAccessException;

/**
 * The {@code run_queue} table (migration {@code V2__queue.sql}) over plain JDBC, portable between
 * H2 in PostgreSQL mode and PostgreSQL. Status and creation time are read from {@code runs}, which
 * the run store owns.
 */
final class QueueRepository {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {};
  private static final TypeReference<List<String>> LIST = new TypeReference<>() {};

  private static final String UPDATABLE =
      "argv, resume, pid, pid_started_ms, progress_done, progress_total, eta_seconds, message, started_at,"
          + " finished_at, error, samples_offset, samples_imported, metrics_step,"
          + " summary_imported";

  private final DataSource dataSource;

  QueueRepository(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /** Every run with a queue row, in submission order. */
  List<QueuedRun> loadAll() {
    String sql =
        "SELECT q.run_id, q.seq, q.owner, q.name, q.kind, q.priority, q.lane, q.params,"
            + " q.depends_on, r.created_at, r.status, "
            + UPDATABLE
            + " FROM run_queue q JOIN runs r ON r.id = q.run_id ORDER BY q.seq";
    try (Connection c = dataSource.getConnection();
        PreparedStatement q = c.prepareStatement(sql);
        ResultSet rs = q.executeQuery()) {
      List<QueuedRun> out = new ArrayList<>();
      while (rs.next()) {
        QueuedRun r =
            new QueuedRun(
                rs.getString(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                RunKind.fromId(rs.getString(5)),
                rs.getInt(6),
                rs.getString(7),
                JSON.readValue(rs.getString(8), MAP),
                JSON.readValue(rs.getString(9), LIST),
                instant(rs, 10));
        r.status = JobStatus.valueOf(rs.getString(11));
        r.argv = JSON.readValue(rs.getString(12), LIST);
        r.resume = rs.getBoolean(13);
        long pid = rs.getLong(14);
        r.pid = rs.wasNull() ? null : pid;
        long started = rs.getLong(15);
        r.pidStartedMs = rs.wasNull() ? null : started;
        r.done = rs.getLong(16);
        r.total = rs.getLong(17);
        long eta = rs.getLong(18);
        r.etaSeconds = rs.wasNull() ? null : eta;
        r.message = rs.getString(19);
        r.startedAt = instant(rs, 20);
        r.finishedAt = instant(rs, 21);
        r.error = rs.getString(22);
        r.samplesOffset = rs.getLong(23);
        r.samplesImported = rs.getLong(24);
        r.metricsStep = rs.getLong(25);
        r.summaryImported = rs.getBoolean(26);
        out.add(r);
      }
      return out;
    } catch (SQLException e) {
      throw new StoreAccessException("job queue: cannot load", e);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("job queue: cannot load", e);
    }
  }

  /** The next submission number. */
  long nextSeq() {
    try (Connection c = dataSource.getConnection();
        PreparedStatement q =
            c.prepareStatement("SELECT COALESCE(MAX(seq), 0) + 1 FROM run_queue");
        ResultSet rs = q.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new StoreAccessException("job queue: cannot read", e);
    }
  }

  /** Inserts the queue row of a run the store already has. */
  void insert(QueuedRun r) {
    String sql =
        "INSERT INTO run_queue (run_id, seq, owner, name, kind, priority, lane, params, depends_on, "
            + UPDATABLE
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (Connection c = dataSource.getConnection();
        PreparedStatement q = c.prepareStatement(sql)) {
      q.setString(1, r.id);
      q.setLong(2, r.seq);
      q.setString(3, r.owner);
      q.setString(4, r.name);
      q.setString(5, r.kind.id());
      q.setInt(6, r.priority);
      q.setString(7, r.lane);
      q.setString(8, JSON.writeValueAsString(r.params));
      q.setString(9, JSON.writeValueAsString(r.dependsOn));
      bindUpdatable(q, 10, r);
      q.executeUpdate();
    } catch (SQLException e) {
      throw new StoreAccessException("job queue: cannot insert " + r.id, e);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("job queue: cannot insert " + r.id, e);
    }
  }

  /** Writes the run's changing fields. */
  void update(QueuedRun r) {
    StringBuilder sql = new StringBuilder("UPDATE run_queue SET ");
    String[] columns = UPDATABLE.split(",");
    for (int i = 0; i < columns.length; i++) {
      sql.append(i == 0 ? "" : ", ").append(columns[i].trim()).append(" = ?");
    }
    sql.append(" WHERE run_id = ?");
    try (Connection c = dataSource.getConnection();
        PreparedStatement q = c.prepareStatement(sql.toString())) {
      int next = bindUpdatable(q, 1, r);
      q.setString(next, r.id);
      q.executeUpdate();
    } catch (SQLException e) {
      throw new StoreAccessException("job queue: cannot update " + r.id, e);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("job queue: cannot update " + r.id, e);
    }
  }

  private static int bindUpdatable(PreparedStatement q, int i, QueuedRun r)
      throws SQLException, JsonProcessingException {
    q.setString(i++, JSON.writeValueAsString(r.argv));
    q.setBoolean(i++, r.resume);
    setLong(q, i++, r.pid);
    setLong(q, i++, r.pidStartedMs);
    q.setLong(i++, r.done);
    q.setLong(i++, r.total);
    setLong(q, i++, r.etaSeconds);
    q.setString(i++, r.message == null ? "" : r.message);
    q.setObject(i++, utc(r.startedAt));
    q.setObject(i++, utc(r.finishedAt));
    q.setString(i++, r.error);
    q.setLong(i++, r.samplesOffset);
    q.setLong(i++, r.samplesImported);
    q.setLong(i++, r.metricsStep);
    q.setBoolean(i++, r.summaryImported);
    return i;
  }

  private static void setLong(PreparedStatement q, int i, Long v) throws SQLException {
    if (v == null) {
      q.setNull(i, Types.BIGINT);
    } else {
      q.setLong(i, v);
    }
  }

  private static OffsetDateTime utc(Instant t) {
    return t == null ? null : t.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  /** A map as its JSON, for callers that log it. */
  static String json(Map<String, String> map) {
    try {
      return JSON.writeValueAsString(map);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
