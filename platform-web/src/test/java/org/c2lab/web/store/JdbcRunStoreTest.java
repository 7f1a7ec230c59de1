package org.c2lab.web.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.c2lab.core.job.JobStatus;
import org.c2lab.core.store.MetricPoint;
import org.c2lab.core.store.Page;
import org.c2lab.core.store.PageRequest;
import org.c2lab.core.store.RunStore;
import org.c2lab.core.store.RunStoreContract;
import org.c2lab.core.store.SampleRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run store contract on H2 in PostgreSQL mode, plus what only a database store has. */
class JdbcRunStoreTest extends RunStoreContract {
  private final List<HikariDataSource> pools = new ArrayList<>();
  @TempDir Path dir;

  @Override
  protected RunStore createStore(Clock clock) {
    return new JdbcRunStore(migrated(TestDatabases.inMemory()), clock);
  }

  private HikariDataSource migrated(HikariDataSource pool) {
    pools.add(pool);
    StoreSchema.migrate(pool);
    return pool;
  }

  @AfterEach
  void closePools() {
    pools.forEach(HikariDataSource::close);
  }

  @Test
  void survivesARestartInFileMode() {
    HikariDataSource first = migrated(TestDatabases.inFiles(dir));
    RunStore before = new JdbcRunStore(first, clock);
    before.createRun("keep", "c2-eval", "{\"b\":20}");
    before.updateStatus("keep", JobStatus.RUNNING);
    before.appendMetrics(List.of(point("keep", 0, "corr@10", 0.25)));
    before.appendSamples(List.of(new SampleRecord("keep", "r/k=10/path=0", "{\"y\":true}")));
    var run = before.getRun("keep");
    var metrics = before.metrics("keep", PageRequest.first(10));
    var samples = before.samples("keep", PageRequest.first(10));
    first.close(); // the last connection closes the H2 database

    assertTrue(Files.exists(dir.resolve("c2.mv.db")));
    HikariDataSource second = TestDatabases.inFiles(dir);
    pools.add(second);
    assertEquals(0, StoreSchema.migrate(second), "the schema is current after a restart");
    RunStore after = new JdbcRunStore(second, clock);
    assertEquals(run, after.getRun("keep"));
    assertEquals(metrics, after.metrics("keep", PageRequest.first(10)));
    assertEquals(samples, after.samples("keep", PageRequest.first(10)));
    // ordinals continue where they stopped
    after.appendSamples(List.of(new SampleRecord("keep", "next", "{}")));
    assertEquals(
        List.of("r/k=10/path=0", "next"),
        after.samples("keep", PageRequest.first(10)).items().stream()
            .map(SampleRecord::key)
            .toList());
  }

  @Test
  void migrationsApplyOnceAndRecordTheirVersion() throws Exception {
    HikariDataSource pool = TestDatabases.inMemory();
    pools.add(pool);
    assertTrue(StoreSchema.migrate(pool) >= 1);
    assertEquals(0, StoreSchema.migrate(pool));
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT version FROM flyway_schema_history"
                    + " WHERE version IS NOT NULL AND success ORDER BY installed_rank")) {
      assertTrue(rs.next());
      assertEquals("1", rs.getString(1));
    }
  }

  @Test
  void pagesThroughManySamplesInAppendOrder() {
    store.createRun("big", "c2-eval", "{}");
    store.createRun("mixed", "c2-eval", "{}");
    List<SampleRecord> all = new ArrayList<>();
    for (int batch = 0; batch < 5; batch++) {
      List<SampleRecord> samples = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        int n = batch * 200 + i;
        // keys that sort differently from append order
        samples.add(new SampleRecord("big", "z" + (999 - n), "{\"n\":" + n + "}"));
      }
      // another run's rows interleave in the same batch
      List<SampleRecord> withOther = new ArrayList<>(samples);
      withOther.add(100, new SampleRecord("mixed", "m" + batch, "{}"));
      store.appendSamples(withOther);
      all.addAll(samples);
    }
    List<SampleRecord> read = new ArrayList<>();
    for (PageRequest p = PageRequest.first(128); ; p = p.next()) {
      Page<SampleRecord> page = store.samples("big", p);
      assertEquals(1000, page.total());
      read.addAll(page.items());
      if (!page.hasMore()) {
        break;
      }
    }
    assertEquals(all, read);
    assertEquals(5, store.samples("mixed", PageRequest.first(10)).items().size());
  }

  @Test
  void metricSeriesPageByNameInAppendOrder() {
    store.createRun("dpo", "dpo", "{}");
    List<MetricPoint> loss = new ArrayList<>();
    List<MetricPoint> points = new ArrayList<>();
    for (int step = 0; step < 300; step++) {
      MetricPoint l = point("dpo", step, "loss", 1.0 / (step + 1));
      loss.add(l);
      points.add(l);
      points.add(point("dpo", step, "rewards/accuracies", step % 2));
    }
    store.appendMetrics(points);
    assertEquals(
        loss.subList(250, 300), store.metrics("dpo", "loss", new PageRequest(250, 100)).items());
    assertEquals(300, store.metrics("dpo", "loss", PageRequest.first(1)).total());
    assertEquals(points.subList(590, 600), store.metrics("dpo", new PageRequest(590, 100)).items());
  }

  @Test
  void refusesNamesLongerThanTheSchemaHolds() {
    store.createRun("long", "k", "{}");
    String name = "m".repeat(JdbcRunStore.MAX_NAME_LENGTH + 1);
    assertThrows(
        IllegalArgumentException.class, () -> store.appendMetric(point("long", 0, name, 1)));
    assertThrows(IllegalArgumentException.class, () -> store.createRun("other", name, "{}"));
  }
}
