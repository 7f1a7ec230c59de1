package org.c2lab.web.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Small JDBC helper for the server's tables other than the run store's: parameterised statements
 * only ({@link Instant} parameters are bound as UTC timestamps), each call in its own connection,
 * {@link SQLException} turned into {@link StoreAccessException} naming what failed.
 */
public final class Jdbc {
  /** Maps the current row of a result set. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  /** Work done on one connection inside a transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final DataSource dataSource;
  private final String owner;

  /**
   * @param dataSource the pool
   * @param owner what the tables are, for error messages (e.g. {@code accounts})
   */
  public Jdbc(DataSource dataSource, String owner) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.owner = Objects.requireNonNull(owner, "owner");
  }

  /** Runs an INSERT, UPDATE or DELETE; returns the rows changed. */
  public int update(String sql, Object... params) {
    return transaction(c -> update(c, sql, params));
  }

  /** Runs an INSERT, UPDATE or DELETE on {@code c}; returns the rows changed. */
  public static int update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement q = c.prepareStatement(sql)) {
      bind(q, params);
      return q.executeUpdate();
    }
  }

  /** Every row of a query. */
  public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
    return transaction(c -> query(c, sql, mapper, params));
  }

  /** Every row of a query on {@code c}. */
  public static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... params)
      throws SQLException {
    try (PreparedStatement q = c.prepareStatement(sql)) {
      bind(q, params);
      try (ResultSet rs = q.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(mapper.map(rs));
        }
        return out;
      }
    }
  }

  /** The first row of a query; empty when there is none or the mapper gave null for it. */
  public <T> Optional<T> one(String sql, RowMapper<T> mapper, Object... params) {
    List<T> rows = query(sql, mapper, params);
    return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
  }

  /** A {@code SELECT COUNT(*)}. */
  public long count(String sql, Object... params) {
    return one(sql, rs -> rs.getLong(1), params).orElse(0L);
  }

  /** Runs {@code work} in one transaction: committed when it returns, rolled back if it throws. */
  public <T> T transaction(Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw new StoreAccessException(owner + ": database call failed", e);
    }
  }

  /** The timestamp in {@code column}, or null. */
  public static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  private static void bind(PreparedStatement q, Object[] params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object p = params[i];
      q.setObject(i + 1, p instanceof Instant t ? t.atOffset(ZoneOffset.UTC) : p);
    }
  }
}
