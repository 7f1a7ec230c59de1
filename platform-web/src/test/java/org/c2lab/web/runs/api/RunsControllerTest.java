package org.c2lab.web.runs.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.c2lab.core.store.MetricPoint;
import org.c2lab.core.store.RunStore;
import org.c2lab.core.store.SampleRecord;
import org.c2lab.web.account.AuditLog;
import org.c2lab.web.account.InMemoryAuditLog;
import org.c2lab.web.demo.DemoFiles;
import org.c2lab.web.runs.RunService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runs API route by route: validation, paging, 401/403/404/409, files and samples. */
class RunsControllerTest {
  static final String ALICE = "alice:RESEARCHER";
  static final String BOB = "bob:RESEARCHER";
  static final String VERA = "vera:VIEWER";
  static final String ADA = "ada:ADMIN";
  static final String REMOTE = "qwen2-7b-instruct@http://127.0.0.1:9/v1";

  @TempDir Path home;
  private ApiClient api;
  private String data;

  @BeforeEach
  void start() {
    DemoFiles.ensure(home);
    data = home.resolve(DemoFiles.EVAL_DATA).toString();
    api = ApiClient.start(home, Map.of());
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private String eval(String extra) {
    return "{\"kind\":\"c2-eval\",\"name\":\"e\",\"params\":{\"model\":\""
        + REMOTE
        + "\",\"data\":\""
        + data
        + "\",\"samples\":2,\"k\":\"10,20\""
        + extra
        + "}}";
  }

  @Test
  void runKindsListEveryKindWithItsParameters() throws Exception {
    assertEquals(401, api.get("/api/run-kinds", null).status());
    ApiClient.Reply r = api.get("/api/run-kinds", VERA);
    assertEquals(200, r.status());
    assertEquals(4, r.json().size());
    assertEquals("dpo", r.json().get(3).get("id").asText());
    assertTrue(r.json().get(3).get("parameters").toString().contains("\"name\":\"beta\""));
    assertFalse(r.json().toString().contains("\"name\":\"out\""));
  }

  @Test
  void launchingNeedsAPrincipalWhoMayLaunchAndIsAudited() throws Exception {
    ApiClient.Reply none = api.post("/api/runs", null, eval(""));
    assertEquals(401, none.status());
    assertTrue(none.json().has("message") && none.json().has("field"), none.text());
    assertEquals(403, api.post("/api/runs", VERA, eval("")).status());

    ApiClient.Reply r = api.post("/api/runs", ALICE, eval(""));
    assertEquals(201, r.status(), r.text());
    assertEquals("QUEUED", r.json().get("status").asText());
    assertEquals("remote", r.json().get("lane").asText());
    assertEquals("alice", r.json().get("owner").asText());
    String id = r.json().get("id").asText();
    String line = r.json().get("commandLine").toString();
    assertTrue(line.startsWith("[\"./c2\",\"eval\",\"c2\",\"--model\""), line);
    assertTrue(line.contains(home.resolve("runs").resolve(id).resolve("out").toString()), line);
    AuditLog.Entry entry = api.context.getBean(InMemoryAuditLog.class).entries().get(0);
    assertEquals(
        List.of("alice", "run.launch", id), List.of(entry.actor(), entry.action(), entry.target()));
  }

  @Test
  void invalidRequestsAreA400NamingTheField() throws Exception {
    assertInvalid("{\"kind\":\"c2-eval\",\"params\":{\"data\":\"" + data + "\"}}", "model");
    assertInvalid(eval(",\"samples\":\"many\"").replace("\"samples\":2,", ""), "samples");
    assertInvalid(eval(",\"out\":\"/tmp/elsewhere\""), "out");
    assertInvalid(eval(",\"resume\":true"), "resume");
    assertInvalid(eval(",\"judge\":\"oracle\""), "judge");
    assertInvalid(eval(",\"k\":\"10,x\"").replace("\"k\":\"10,20\",", ""), "k");
    assertInvalid(eval("").replace(data, "datasets/none.jsonl"), "data");
    assertInvalid("{\"kind\":\"dpo\",\"params\":{\"beta\":\"-1\"}}", "model");
    assertInvalid("{\"kind\":\"poetry\"}", "kind");
    assertInvalid(eval(",\"reference-mode\":\"maybe\""), "reference-mode");
    assertInvalid(
        "{\"kind\":\"c2-eval\",\"dependsOn\":[\"nope\"],\"params\":"
            + eval("").split("\"params\":")[1].replaceAll("}$", "")
            + "}",
        "dependsOn");
    ApiClient.Reply notJson = api.post("/api/runs", ALICE, "[1,2]");
    assertEquals(400, notJson.status(), notJson.text());
  }

  private void assertInvalid(String body, String field) throws Exception {
    ApiClient.Reply r = api.post("/api/runs", ALICE, body);
    assertEquals(400, r.status(), body + " -> " + r.text());
    assertEquals(field, r.json().get("field").asText(), r.text());
    assertTrue(r.json().get("message").asText().startsWith(field), r.text());
  }

  @Test
  void runsArePagedNewestFirst() throws Exception {
    String[] ids = new String[3];
    for (int i = 0; i < 3; i++) {
      ids[i] = api.post("/api/runs", ALICE, eval("")).json().get("id").asText();
    }
    ApiClient.Reply page = api.get("/api/runs?offset=1&limit=1", VERA);
    assertEquals(200, page.status(), page.text());
    assertEquals(3, page.json().get("total").asInt());
    assertEquals(1, page.json().get("items").size());
    assertEquals(ids[1], page.json().get("items").get(0).get("id").asText());
    assertEquals(ids[2], api.get("/api/runs", VERA).json().get("items").get(0).get("id").asText());
    ApiClient.Reply bad = api.get("/api/runs?limit=0", VERA);
    assertEquals(400, bad.status());
    assertEquals("limit", bad.json().get("field").asText());
    assertEquals(400, api.get("/api/runs?offset=-1", VERA).status());
  }

  @Test
  void onlyTheOwnerOrAnAdminCancelsAndDeletesAndOnlyFinishedRuns() throws Exception {
    assertEquals(404, api.get("/api/runs/none", ALICE).status());
    assertEquals(404, api.post("/api/runs/none/cancel", ALICE, "").status());
    String id = api.post("/api/runs", ALICE, eval("")).json().get("id").asText();
    assertEquals(200, api.get("/api/runs/" + id, VERA).status());
    assertEquals(403, api.post("/api/runs/" + id + "/cancel", BOB, "").status());
    assertEquals(403, api.post("/api/runs/" + id + "/cancel", VERA, "").status());
    ApiClient.Reply running = api.delete("/api/runs/" + id, ALICE);
    assertEquals(409, running.status(), running.text());
    ApiClient.Reply cancelled = api.post("/api/runs/" + id + "/cancel", ALICE, "");
    assertEquals(200, cancelled.status(), cancelled.text());
    assertEquals("CANCELLED", cancelled.json().get("status").asText());
    assertEquals(409, api.post("/api/runs/" + id + "/cancel", ALICE, "").status());
    assertEquals(403, api.delete("/api/runs/" + id, BOB).status());
    Files.createDirectories(api.context.getBean(RunService.class).directory(id));
    assertEquals(204, api.delete("/api/runs/" + id, ADA).status());
    assertEquals(404, api.get("/api/runs/" + id, ALICE).status());
    assertFalse(Files.exists(home.resolve("runs").resolve(id)));
    assertTrue(api.context.getBean(RunStore.class).getRun(id).isEmpty());
    List<String> actions =
        api.context.getBean(InMemoryAuditLog.class).entries().stream()
            .filter(e -> e.action().startsWith("run."))
            .map(e -> e.actor() + " " + e.action())
            .toList();
    assertEquals(List.of("ada run.delete", "alice run.cancel", "alice run.launch"), actions);
  }

  @Test
  void metricsSamplesLogAndFilesOfARun() throws Exception {
    String id = api.post("/api/runs", ALICE, eval("")).json().get("id").asText();
    RunStore store = api.context.getBean(RunStore.class);
    Instant now = Instant.now();
    store.appendMetrics(
        List.of(
            new MetricPoint(id, 0, "corr@10", 0.5, now),
            new MetricPoint(id, 0, "corr_mean", 0.25, now)));
    for (int i = 0; i < 4; i++) {
      int k = i < 2 ? 10 : 20;
      store.appendSamples(
          List.of(
              new SampleRecord(
                  id,
                  "r1/k=" + k + "/path=" + i,
                  "{\"request_id\":\"r1\",\"k\":"
                      + k
                      + ",\"path\":"
                      + i
                      + ",\"corrected\":"
                      + (i % 2 == 0)
                      + ",\"continuation\":\"text "
                      + i
                      + "\"}")));
    }
    ApiClient.Reply metrics = api.get("/api/runs/" + id + "/metrics?name=corr_mean", VERA);
    assertEquals(1, metrics.json().size(), metrics.text());
    assertEquals(0.25, metrics.json().get(0).get("value").asDouble());
    assertEquals(2, api.get("/api/runs/" + id + "/metrics", VERA).json().size());

    ApiClient.Reply all = api.get("/api/runs/" + id + "/samples?offset=1&limit=2", ALICE);
    assertEquals(4, all.json().get("total").asInt());
    assertEquals("r1/k=10/path=1", all.json().get("items").get(0).get("key").asText());
    assertEquals(
        "text 1", all.json().get("items").get(0).get("record").get("continuation").asText());
    ApiClient.Reply filtered = api.get("/api/runs/" + id + "/samples?k=20&verdict=corrected", VERA);
    assertEquals(1, filtered.json().get("total").asInt(), filtered.text());
    assertEquals(
        "[hidden]", filtered.json().get("items").get(0).get("record").get("continuation").asText());
    assertEquals(
        "verdict",
        api.get("/api/runs/" + id + "/samples?verdict=maybe", VERA).json().get("field").asText());

    Path dir = api.context.getBean(RunService.class).directory(id);
    Files.createDirectories(dir.resolve("out"));
    Files.writeString(dir.resolve("log.txt"), "one\ntwo\nthree\n");
    Files.writeString(dir.resolve("out/summary.json"), "{\"complete\":true}");
    Files.writeString(home.resolve("secret.txt"), "not yours");
    assertEquals(
        "[\"two\",\"three\"]", api.get("/api/runs/" + id + "/log?lines=2", VERA).json().toString());
    assertEquals(400, api.get("/api/runs/" + id + "/log?lines=0", VERA).status());
    ApiClient.Reply files = api.get("/api/runs/" + id + "/files", VERA);
    assertEquals(
        "[{\"path\":\"log.txt\",\"size\":14},{\"path\":\"out/summary.json\",\"size\":17}]",
        files.json().toString());
    ApiClient.Reply download = api.get("/api/runs/" + id + "/file?path=out/summary.json", VERA);
    assertEquals(200, download.status());
    assertEquals("{\"complete\":true}", download.text());
    assertEquals(
        400,
        api.get("/api/runs/" + id + "/file?path=out/..%2F..%2F..%2Fsecret.txt", VERA).status());
    assertEquals(404, api.get("/api/runs/" + id + "/file?path=out/missing.json", VERA).status());
    assertEquals(401, api.get("/api/runs/" + id + "/file?path=log.txt", null).status());
  }
}
