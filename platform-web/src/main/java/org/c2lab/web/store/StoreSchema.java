package org.c2lab.web.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The run store's schema: the Flyway migrations under {@code classpath:db/migration}. In the server
 * micronaut-flyway applies them when the data source starts ({@code flyway.datasources.default});
 * this applies the same migrations to a data source made by hand (tests, tools).
 */
public final class StoreSchema {
  /** Where the migrations are, as Flyway names it. */
  public static final String LOCATION = "classpath:db/migration";

  private StoreSchema() {}

  /** Applies pending migrations; returns how many ran (0 when the schema is current). */
  public static int migrate(DataSource dataSource) {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations(LOCATION)
        .load()
        .migrate()
        .migrationsExecuted;
  }
}
