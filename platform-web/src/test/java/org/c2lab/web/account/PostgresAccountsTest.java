package org.c2lab.web.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.util.Map;
import org.c2lab.core.store.PageRequest;
import org.c2lab.web.registry.DatasetRegistry;
import org.c2lab.web.registry.ModelRegistry;
import org.c2lab.web.store.RunStoreFactory;
import org.c2lab.web.store.StoreSchema;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Accounts, tokens, the audit log and the registries on a real PostgreSQL, when one is given (the
 * variables of {@code PostgresRunStoreTest}, a database the test may wipe); skipped otherwise.
 */
@EnabledIfEnvironmentVariable(named = "C2_TEST_POSTGRES_URL", matches = ".+")
class PostgresAccountsTest {
  private static final String URL = System.getenv("C2_TEST_POSTGRES_URL");
  private static final String USER = System.getenv().getOrDefault("C2_TEST_POSTGRES_USER", "");
  private static final String PASSWORD =
      System.getenv().getOrDefault("C2_TEST_POSTGRES_PASSWORD", "");

  @TempDir Path home;

  @Test
  void accountsTokensAuditAndRegistriesWorkOnPostgres() {
    wipe();
    Map<String, Object> config =
        Map.of(
            "datasources.default.url",
            URL,
            "datasources.default.username",
            USER,
            "datasources.default.password",
            PASSWORD,
            "datasources.default.driver-class-name",
            "org.postgresql.Driver",
            "c2.home",
            home.toString(),
            "c2.repo.root",
            "..");
    try (ApplicationContext server =
        ApplicationContext.builder(RunStoreFactory.ENVIRONMENT).properties(config).start()) {
      AccountService accounts = server.getBean(AccountService.class);
      Principal admin = new Principal(AccountService.FIRST_ADMIN, Role.ADMIN);
      String oneTime = accounts.firstStartPassword().orElseThrow();
      assertTrue(accounts.authenticate("admin", oneTime).mustChangePassword());
      accounts.changePassword(admin, oneTime, "postgres-admin-pass");
      accounts.createUser(admin, "ria", "researcher", null);
      IssuedToken token = accounts.createToken(admin, "pg");
      assertEquals(
          "admin", accounts.authenticateToken(token.token()).orElseThrow().principal().username());
      Session session = accounts.login("admin", "postgres-admin-pass");
      assertTrue(accounts.authenticateToken(session.token()).isPresent());
      accounts.revokeToken(admin, token.info().id());
      assertTrue(accounts.authenticateToken(token.token()).isEmpty());
      assertEquals(2, accounts.listUsers(admin).size());

      AuditLog audit = server.getBean(AuditLog.class);
      assertEquals("token.revoke", audit.list(PageRequest.first(1)).items().get(0).action());

      DatasetRegistry datasets = server.getBean(DatasetRegistry.class);
      assertTrue(datasets.list().stream().anyMatch(d -> d.id().equals("pku-format-demo")));
      assertEquals(2, datasets.rows("pku-format-demo", null, new PageRequest(1, 2)).items().size());
      ModelRegistry models = server.getBean(ModelRegistry.class);
      models.registerRemote(
          admin,
          "pg endpoint",
          "llama2-chat-7b",
          "http://gpu-box:8000/v1",
          null,
          "sk-0123456789abcdef");
      assertEquals("****cdef", models.get("pg-endpoint").apiKey());
    }
  }

  private static void wipe() {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(URL);
    c.setUsername(USER);
    c.setPassword(PASSWORD);
    try (HikariDataSource pool = new HikariDataSource(c)) {
      Flyway.configure()
          .dataSource(pool)
          .locations(StoreSchema.LOCATION)
          .cleanDisabled(false)
          .load()
          .clean();
    }
  }
}
