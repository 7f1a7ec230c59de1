package org.c2lab.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.c2lab.core.data.PreferencePair;
import org.c2lab.core.data.PreferencePairWriter;
import org.c2lab.core.provenance.Sha256;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /api/datasets over HTTP: listing, registering, uploading, browsing rows. */
class DatasetApiTest {
  private static final int PAIRS = 600; // more than two LineIndex strides

  @TempDir static Path home;
  @TempDir static Path files;
  static ApiServer api;

  @BeforeAll
  static void start() throws Exception {
    Files.createDirectories(home.resolve("datasets"));
    try (PreferencePairWriter w =
        PreferencePairWriter.create(home.resolve("datasets/syn-pairs.jsonl"))) {
      for (int i = 0; i < PAIRS; i++) {
        int chosen = 1 + i % 5;
        w.write(
            PreferencePair.builder(
                    "Question number " + i + "?", "Kind answer " + i, "Worse answer " + i)
                .ranks(chosen, chosen + 1 + (i % (6 - chosen)))
                .requestId("demo.jsonl:" + (i / 15 + 1))
                .build());
      }
    }
    api = ApiServer.start(home, Map.of("c2.repo.root", "..", "c2.datasets.max-upload-bytes", 4096));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void theDemoAndEveryJsonlUnderC2HomeDatasetsAreListed() throws Exception {
    ApiServer.Response list = api.get("/api/datasets", api.viewer);
    assertEquals(200, list.status(), list.text());
    JsonNode demo = byId(list.json(), "pku-format-demo");
    assertEquals("pku-saferlhf", demo.get("format").asText());
    Path demoFile = Path.of("..", "datasets/demo/pku-format-demo.jsonl");
    assertEquals(Sha256.of(demoFile), demo.get("sha256").asText());
    assertEquals(Files.size(demoFile), demo.get("sizeBytes").asLong());
    assertTrue(demo.get("rows").asLong() > 0);
    JsonNode syn = byId(list.json(), "syn-pairs");
    assertEquals("preference-pairs", syn.get("format").asText());
    assertEquals(PAIRS, syn.get("rows").asLong());
  }

  @Test
  void rowsArePagedAcrossTheIndexAndCarryTheRankStructure() throws Exception {
    ApiServer.Response page =
        api.get("/api/datasets/syn-pairs/rows?offset=510&limit=3", api.researcher);
    assertEquals(200, page.status(), page.text());
    assertEquals(PAIRS, page.json().get("total").asLong());
    JsonNode items = page.json().get("items");
    assertEquals(3, items.size());
    for (int k = 0; k < 3; k++) {
      int i = 510 + k;
      JsonNode row = items.get(k);
      assertEquals(i, row.get("row").asLong());
      assertEquals(i + 1, row.get("line").asLong());
      assertEquals("Question number " + i + "?", row.get("fields").get("prompt").asText());
      int chosen = 1 + i % 5;
      JsonNode ranking = row.get("ranking");
      assertEquals(chosen, ranking.get("chosenRank").asInt());
      assertTrue(
          ranking.get("summary").asText().startsWith("rank " + chosen + " ("), ranking.toString());
    }
    JsonNode first =
        api.get("/api/datasets/syn-pairs/rows?limit=1", api.researcher).json().get("items").get(0);
    assertEquals("rank 1 (SR) > rank 2 (SYN1)", first.get("ranking").get("summary").asText());
    ApiServer.Response past = api.get("/api/datasets/syn-pairs/rows?offset=5000", api.researcher);
    assertEquals(0, past.json().get("items").size());
  }

  @Test
  void searchIsCaseInsensitiveOverTextFieldsAndPaged() throws Exception {
    ApiServer.Response hits =
        api.get(
            "/api/datasets/syn-pairs/rows?q=KIND%20ANSWER%2059&offset=1&limit=5", api.researcher);
    assertEquals(200, hits.status(), hits.text());
    // "Kind answer 59" and "Kind answer 590".."599": 11 matches, the first skipped
    assertEquals(11, hits.json().get("total").asLong());
    assertEquals(5, hits.json().get("items").size());
    assertEquals(
        "Kind answer 590", hits.json().get("items").get(0).get("fields").get("chosen").asText());
    // every pair's request_id names demo.jsonl: a search over all text fields finds them all
    ApiServer.Response all = api.get("/api/datasets/syn-pairs/rows?q=DEMO.JSONL", api.researcher);
    assertEquals(PAIRS, all.json().get("total").asLong());
    assertEquals("DEMO.JSONL", all.json().get("query").asText());
  }

  @Test
  void viewersGetRowsWithTheHarmfulTextHidden() throws Exception {
    JsonNode row =
        api.get("/api/datasets/syn-pairs/rows?limit=1", api.viewer).json().get("items").get(0);
    for (String field : new String[] {"prompt", "chosen", "rejected"}) {
      assertEquals("[hidden]", row.get("fields").get(field).asText(), field);
    }
    assertEquals("rank 1 (SR) > rank 2 (SYN1)", row.get("ranking").get("summary").asText());
    assertTrue(row.get("fields").get("request_id").asText().contains("demo.jsonl"), row.toString());
  }

  @Test
  void pagingParametersAreValidated() throws Exception {
    ApiServer.Response big = api.get("/api/datasets/syn-pairs/rows?limit=1001", api.viewer);
    assertEquals(400, big.status());
    assertEquals("limit", big.field());
    assertEquals("offset", api.get("/api/datasets/syn-pairs/rows?offset=x", api.viewer).field());
    assertEquals(404, api.get("/api/datasets/nope/rows", api.viewer).status());
  }

  @Test
  void registeringAServerFileDetectsItsFormatAndViewersCannot() throws Exception {
    Path sft = files.resolve("sft-small.jsonl");
    Files.writeString(
        sft,
        "{\"prompt\": \"Say hi\", \"response\": \"Hi!\"}\n\n{\"prompt\": \"Count\", \"response\": \"1 2 3\"}\n");
    Map<String, Object> body = Map.of("path", sft.toString());
    assertEquals(403, api.post("/api/datasets", api.viewer, body).status());
    ApiServer.Response created = api.post("/api/datasets", api.researcher, body);
    assertEquals(201, created.status(), created.text());
    assertEquals("sft", created.json().get("format").asText());
    assertEquals(2, created.json().get("rows").asLong());
    assertEquals(409, api.post("/api/datasets", api.researcher, body).status());
    JsonNode second =
        api.get("/api/datasets/sft-small/rows?offset=1", api.researcher).json().get("items").get(0);
    assertEquals(3, second.get("line").asLong());
    assertEquals("1 2 3", second.get("fields").get("response").asText());
    ApiServer.Response missing =
        api.post(
            "/api/datasets",
            api.researcher,
            Map.of("path", files.resolve("none.jsonl").toString()));
    assertEquals(400, missing.status());
    assertEquals("path", missing.field());
  }

  @Test
  void aMalformedRowIsReportedAsFileLineField() throws Exception {
    Path bad = files.resolve("bad-pairs.jsonl");
    Files.writeString(
        bad,
        "{\"prompt\": \"a\", \"chosen\": \"b\", \"rejected\": \"c\"}\n"
            + "{\"prompt\": \"a\", \"chosen\": \"b\", \"rejected\": \"c\", \"chosen_rank\": 3,"
            + " \"rejected_rank\": 2}\n");
    ApiServer.Response r =
        api.post("/api/datasets", api.researcher, Map.of("path", bad.toString()));
    assertEquals(400, r.status(), r.text());
    assertEquals("path", r.field());
    assertEquals(
        "bad-pairs.jsonl:2: rejected_rank: expected greater than chosen_rank 3, got 2",
        r.message());
  }

  @Test
  void anUploadIsValidatedAndStoredUnderC2HomeDatasets() throws Exception {
    String pku =
        "{\"prompt\": \"How do I sneak a cookie?\", \"response_0\": \"Take it quietly.\","
            + " \"response_1\": \"Ask first.\", \"is_response_0_safe\": false,"
            + " \"is_response_1_safe\": true}\n";
    ApiServer.Response created =
        upload(
            "cookies.jsonl", "Cookie Rows", pku.getBytes(StandardCharsets.UTF_8), api.researcher);
    assertEquals(201, created.status(), created.text());
    assertEquals("cookie-rows", created.json().get("id").asText());
    assertEquals("pku-saferlhf", created.json().get("format").asText());
    assertTrue(created.json().get("uploaded").asBoolean());
    Path stored = home.resolve("datasets/cookie-rows.jsonl");
    assertEquals(pku, Files.readString(stored));
    assertEquals(Sha256.of(stored), created.json().get("sha256").asText());

    assertEquals(
        403, upload("v.jsonl", null, pku.getBytes(StandardCharsets.UTF_8), api.viewer).status());
  }

  @Test
  void aBadUploadNamesFileLineFieldAndLeavesNothing() throws Exception {
    String rows =
        "{\"prompt\": \"p\", \"response\": \"r\"}\n{\"prompt\": \"q\", \"response\": \"s\"}\n{\"response\": \"t\"}\n";
    ApiServer.Response r =
        upload("broken-sft.jsonl", null, rows.getBytes(StandardCharsets.UTF_8), api.researcher);
    assertEquals(400, r.status(), r.text());
    assertEquals("file", r.field());
    assertEquals("broken-sft.jsonl:3: prompt: missing", r.message());
    assertFalse(Files.exists(home.resolve("datasets/broken-sft.jsonl")));
    try (Stream<Path> left = Files.list(home.resolve("datasets"))) {
      assertTrue(left.noneMatch(p -> p.getFileName().toString().endsWith(".part")));
    }
  }

  @Test
  void anUploadOverTheLimitIs413Json() throws Exception {
    StringBuilder big = new StringBuilder();
    while (big.length() <= 5000) {
      big.append("{\"prompt\": \"p\", \"response\": \"r\"}\n");
    }
    ApiServer.Response r =
        upload("big.jsonl", null, big.toString().getBytes(StandardCharsets.UTF_8), api.researcher);
    assertEquals(413, r.status(), r.text());
    assertTrue(r.json().has("message"), r.text());
    assertFalse(Files.exists(home.resolve("datasets/big.jsonl")));
  }

  private static ApiServer.Response upload(
      String fileName, String name, byte[] content, String token) throws Exception {
    String boundary = "----c2test" + System.nanoTime();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    List<byte[]> parts = new ArrayList<>();
    if (name != null) {
      parts.add(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n"
                  + name
                  + "\r\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    parts.add(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    parts.add(content);
    parts.add(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    for (byte[] p : parts) {
      body.write(p);
    }
    return api.send(
        api.request("/api/datasets", token)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  private static JsonNode byId(JsonNode list, String id) {
    for (JsonNode d : list) {
      if (d.get("id").asText().equals(id)) {
        return d;
      }
    }
    throw new AssertionError("no " + id + " in " + list);
  }
}
