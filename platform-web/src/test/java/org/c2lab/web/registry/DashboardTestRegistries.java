package org.c2lab.web.registry;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.UUID;
import javax.sql.DataSource;
import org.c2lab.web.account.AuditLog;
import org.c2lab.web.backend.ModelBackends;
import org.c2lab.web.dashboard.InMemoryRunService;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The real model and dataset registries for the dashboard's test environment ({@value
 * InMemoryRunService#ENVIRONMENT}), over a private in-memory H2 database migrated by the server's
 * Flyway scripts. Only the registries see that database: the environment keeps its in-memory runs,
 * accounts and audit log. Drop this once DashboardIT runs in the {@code server} environment.
 */
@Factory
@Requires(env = InMemoryRunService.ENVIRONMENT)
public class DashboardTestRegistries {
  private final DataSource database;

  public DashboardTestRegistries() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(
        "jdbc:h2:mem:c2-dashboard-"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    h2.setUser("sa");
    h2.setPassword("");
    Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
    this.database = h2;
  }

  @Singleton
  @Bean(preDestroy = "close")
  ModelRegistry modelRegistry(
      ModelBackends backends, AuditLog audit, @Value("${c2.home:c2-data}") String home) {
    return new ModelRegistry(database, backends, audit, home);
  }

  @Singleton
  DatasetRegistry datasetRegistry(
      AuditLog audit,
      @Value("${c2.home:c2-data}") String home,
      @Value("${c2.repo.root:.}") String repoRoot,
      @Value("${c2.datasets.max-upload-bytes:268435456}") long maxUploadBytes) {
    return new DatasetRegistry(database, audit, home, repoRoot, maxUploadBytes);
  }
}
