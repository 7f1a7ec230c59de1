package org.c2lab.web.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.UUID;

/** H2 databases in PostgreSQL mode, the way the server configures them, for the store tests. */
final class H2Databases {
  /** The settings the server's default URL carries (application-server.properties). */
  static final String POSTGRES_MODE =
      ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

  private H2Databases() {}

  /** A fresh in-memory database, alive while the pool is open. */
  static HikariDataSource inMemory() {
    return pool("jdbc:h2:mem:c2-" + UUID.randomUUID() + POSTGRES_MODE);
  }

  /** A database in files under {@code dir}, named like the server's: {@code dir/c2.mv.db}. */
  static HikariDataSource inFiles(Path dir) {
    return pool("jdbc:h2:file:" + dir.toAbsolutePath().resolve("c2") + POSTGRES_MODE);
  }

  static HikariDataSource pool(String url) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(4);
    return new HikariDataSource(config);
  }
}
