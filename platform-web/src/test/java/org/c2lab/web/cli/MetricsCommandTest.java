package org.c2lab.web.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two tiny runs, hand-computed: run A has Corr@10 = 3/4, Corr@20 = 1/4 (Corr_mean 0.5); run B flips
 * three paths (one A-only, two B-only), giving Corr@10 = 4/4, Corr@20 = 1/4 (0.625).
 */
class MetricsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  Path a;
  Path b;

  private static String sample(String request, int k, int path, boolean corrected) {
    return String.format(
        "{\"request_id\":\"%s\",\"k\":%d,\"path\":%d,\"corrected\":%b,\"continuation\":\"...\"}%n",
        request, k, path, corrected);
  }

  private Path run(String name, Set<String> yes) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (String r : new String[] {"r1", "r2"}) {
      for (int k : new int[] {10, 20}) {
        for (int p = 0; p < 2; p++) {
          sb.append(sample(r, k, p, yes.contains(r + "/" + k + "/" + p)));
        }
      }
    }
    return Files.writeString(dir.resolve(name), sb.toString());
  }

  @BeforeEach
  void writeRuns() throws IOException {
    a = run("a.jsonl", Set.of("r1/10/0", "r2/10/0", "r2/10/1", "r2/20/0"));
    b = run("b.jsonl", Set.of("r1/10/0", "r1/10/1", "r2/10/0", "r2/10/1", "r1/20/0"));
  }

  @Test
  void reportGivesCorrAtKWithWilsonIntervalsAndCorrMean() throws Exception {
    CliHarness.Result r = CliHarness.run("metrics", "report", a.toString(), "--json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode report = JSON.readTree(r.out());
    JsonNode k10 = report.get("perK").get(0);
    assertEquals(10, k10.get("k").asInt());
    assertEquals(0.75, k10.get("rate").asDouble(), 1e-12);
    // Wilson score interval for 3/4 at z = 1.96, computed independently from the closed form
    assertEquals(0.30064184258240184, k10.get("wilson95").get("lower").asDouble(), 1e-9);
    assertEquals(0.9544127391902995, k10.get("wilson95").get("upper").asDouble(), 1e-9);
    assertEquals(0.25, report.get("perK").get(1).get("rate").asDouble(), 1e-12);
    assertEquals(0.5, report.get("corrMean").asDouble(), 1e-12);
    assertEquals(2, report.get("requests").asInt());
  }

  @Test
  void reportTableNamesEveryMetric() {
    CliHarness.Result r = CliHarness.run("metrics", "report", a.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("corr@10"), r.out());
    assertTrue(r.out().contains("corr@20"), r.out());
    assertTrue(r.out().contains("corr_mean"), r.out());
  }

  @Test
  void compareCountsFlipsAndTestsThemExactly() throws Exception {
    CliHarness.Result r =
        CliHarness.run("metrics", "compare", a.toString(), b.toString(), "--json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode c = JSON.readTree(r.out());
    assertEquals(1, c.get("overall").get("aYesBNo").asInt());
    assertEquals(2, c.get("overall").get("aNoBYes").asInt());
    // two-sided exact binomial, n = 3 discordant, min(b, c) = 1: 2 * (1 + 3) / 8 = 1
    assertEquals(1.0, c.get("overall").get("pValue").asDouble(), 1e-12);
    assertEquals(0.5, c.get("corrMeanA").asDouble(), 1e-12);
    assertEquals(0.625, c.get("corrMeanB").asDouble(), 1e-12);
    assertEquals(0.125, c.get("corrMeanDifference").asDouble(), 1e-12);
    assertEquals("r2", c.get("aYesBNo").get(0).get("requestId").asText());
  }

  @Test
  void compareRefusesRunsOnDifferentSamples() throws Exception {
    Path shorter = Files.writeString(dir.resolve("c.jsonl"), sample("r1", 10, 0, true));
    CliHarness.Result r = CliHarness.run("metrics", "compare", a.toString(), shorter.toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().startsWith("error: "), r.err());
  }

  @Test
  void malformedSampleNamesFileLineAndField() throws Exception {
    Path bad =
        Files.writeString(
            dir.resolve("bad.jsonl"),
            sample("r1", 10, 0, true) + "{\"request_id\":\"r1\",\"k\":\"ten\",\"path\":1}\n");
    CliHarness.Result r = CliHarness.run("metrics", "report", bad.toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().startsWith("error: bad.jsonl:2: k: expected integer"), r.err());
  }
}
