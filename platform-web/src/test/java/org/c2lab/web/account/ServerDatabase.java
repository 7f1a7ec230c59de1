package org.c2lab.web.account;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.c2lab.web.store.RunStoreFactory;

/** A server-environment context over a fresh in-memory H2 database, migrated by Flyway. */
public final class ServerDatabase {
  private ServerDatabase() {}

  /** The properties of a fresh in-memory database with {@code home} as {@code $C2_HOME}. */
  public static Map<String, Object> properties(Path home) {
    Map<String, Object> p = new HashMap<>();
    p.put(
        "datasources.default.url",
        "jdbc:h2:mem:c2-"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    p.put("c2.home", home.toString());
    p.put("c2.demo.enabled", "false"); // tests that want the demo ask for it
    return p;
  }

  /** A started context in the server environment (no HTTP server). */
  public static ApplicationContext start(Path home) {
    return ApplicationContext.builder(RunStoreFactory.ENVIRONMENT)
        .properties(properties(home))
        .start();
  }
}
