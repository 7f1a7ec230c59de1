package org.c2lab.web.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.ApplicationContext;
import java.time.Clock;
import java.util.Map;
import org.c2lab.core.store.PageRequest;
import org.c2lab.core.store.RunStore;
import org.c2lab.core.store.RunStoreContract;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The run store on a real PostgreSQL, when one is given: {@code C2_TEST_POSTGRES_URL} (e.g. {@code
 * jdbc:postgresql://localhost:5432/c2test}), {@code C2_TEST_POSTGRES_USER} and optionally {@code
 * C2_TEST_POSTGRES_PASSWORD}, of a database the test may wipe. Skipped otherwise: the build never
 * needs a server.
 */
@EnabledIfEnvironmentVariable(named = "C2_TEST_POSTGRES_URL", matches = ".+")
class PostgresRunStoreTest extends RunStoreContract {
  private static final String URL = System.getenv("C2_TEST_POSTGRES_URL");
  private static final String USER = System.getenv().getOrDefault("C2_TEST_POSTGRES_USER", "");
  private static final String PASSWORD =
      System.getenv().getOrDefault("C2_TEST_POSTGRES_PASSWORD", "");

  private HikariDataSource pool;

  @Override
  protected RunStore createStore(Clock clock) {
    pool = TestDatabases.pool(URL, USER, PASSWORD);
    wipe(pool);
    StoreSchema.migrate(pool); // the same migrations as H2's
    return new JdbcRunStore(pool, clock);
  }

  private static void wipe(HikariDataSource dataSource) {
    Flyway.configure()
        .dataSource(dataSource)
        .locations(StoreSchema.LOCATION)
        .cleanDisabled(false)
        .load()
        .clean();
  }

  @AfterEach
  void closePool() {
    if (pool != null) {
      pool.close();
    }
  }

  /** The server on PostgreSQL by configuration only: the properties docs/store.md gives. */
  @Test
  void theServerConfiguredForPostgresMigratesTheSchemaAndStores() {
    wipe(pool);
    Map<String, Object> config =
        Map.of(
            "datasources.default.url", URL,
            "datasources.default.username", USER,
            "datasources.default.password", PASSWORD,
            "datasources.default.driver-class-name", "org.postgresql.Driver");
    try (ApplicationContext server =
        ApplicationContext.builder(RunStoreFactory.ENVIRONMENT).properties(config).start()) {
      RunStore serverStore = server.getBean(RunStore.class);
      serverStore.createRun("pg-1", "c2-eval", "{}");
      assertEquals(1, serverStore.listRuns(PageRequest.first(5)).total());
    }
    assertTrue(store.getRun("pg-1").isPresent());
  }
}
