package org.c2lab.web.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.c2lab.core.store.PageRequest;
import org.c2lab.core.store.RunStore;
import org.c2lab.core.store.SampleRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store bean as the server gets it, and its absence everywhere else. */
class RunStoreFactoryTest {
  @TempDir Path home;

  private ApplicationContext start(String environment) {
    return ApplicationContext.builder(environment)
        .properties(Map.of("c2.home", home.toString()))
        .start();
  }

  @Test
  void theServerStoresInH2FilesUnderC2HomeAcrossRestarts() {
    try (ApplicationContext server = start(RunStoreFactory.ENVIRONMENT)) {
      RunStore store = server.getBean(RunStore.class);
      assertInstanceOf(JdbcRunStore.class, store);
      store.createRun("kept", "c2-eval", "{}");
      store.appendSamples(List.of(new SampleRecord("kept", "s", "{\"x\":1}")));
    }
    assertTrue(Files.exists(home.resolve("db/c2.mv.db")));
    try (ApplicationContext server = start(RunStoreFactory.ENVIRONMENT)) {
      RunStore store = server.getBean(RunStore.class);
      assertTrue(store.getRun("kept").isPresent());
      assertEquals(1, store.samples("kept", PageRequest.first(5)).total());
    }
  }

  @Test
  void theCliHasNoDataSourceAndCreatesNoDatabase() {
    try (ApplicationContext cli = start(Environment.CLI)) {
      assertFalse(cli.containsBean(RunStore.class));
      assertFalse(cli.containsBean(DataSource.class));
    }
    assertFalse(Files.exists(home.resolve("db")));
  }
}
