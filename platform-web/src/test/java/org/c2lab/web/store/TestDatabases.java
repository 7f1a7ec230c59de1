package org.c2lab.web.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.UUID;

/** Pooled databases for the store tests: H2 in PostgreSQL mode as the server configures it. */
final class TestDatabases {
  /** The settings the server's default URL carries (application-server.properties). */
  static final String POSTGRES_MODE =
      ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

  private TestDatabases() {}

  /** A fresh in-memory database, alive while the pool is open. */
  static HikariDataSource inMemory() {
    return pool("jdbc:h2:mem:c2-" + UUID.randomUUID() + POSTGRES_MODE);
  }

  /** A database in files under {@code dir}, named like the server's: {@code dir/c2.mv.db}. */
  static HikariDataSource inFiles(Path dir) {
    return pool("jdbc:h2:file:" + dir.toAbsolutePath().resolve("c2") + POSTGRES_MODE);
  }

  static HikariDataSource pool(String url) {
    return pool(url, null, null);
  }

  static HikariDataSource pool(String url, String user, String password) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(4);
    return new HikariDataSource(config);
  }
}
