package org.c2lab.web.store;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import javax.sql.DataSource;
import org.c2lab.core.store.RunStore;

/**
 * The server's {@link RunStore}: a {@link JdbcRunStore} over the {@code default} data source. The
 * pool comes from micronaut-jdbc-hikari ({@code datasources.default.*}) and micronaut-flyway
 * migrates it as it starts ({@code flyway.datasources.default.enabled}); both are configured only
 * in the {@value #ENVIRONMENT} environment ({@code application-server.properties}: H2 in files
 * under {@code $C2_HOME/db/}, or PostgreSQL by configuration, see docs/store.md). So the CLI
 * environment has no data source and no store bean, and its commands open no database.
 */
@Factory
@Requires(env = RunStoreFactory.ENVIRONMENT)
public class RunStoreFactory {
  /** The Micronaut environment of the lab server, where the store and its database exist. */
  public static final String ENVIRONMENT = "server";

  @Singleton
  @Requires(beans = DataSource.class)
  RunStore runStore(DataSource dataSource) {
    return new JdbcRunStore(dataSource);
  }
}
