package org.c2lab.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.c2lab.web.runs.RunValidationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every failure under /api is {"message", "field"} JSON with its status. */
class ErrorShapesTest {
  @TempDir static Path home;
  static ApiServer api;

  @BeforeAll
  static void start() {
    api = ApiServer.start(home);
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void anUnreadableBodyIs400Json() throws Exception {
    ApiServer.Response r = api.post("/api/tokens", api.admin, "{not json");
    assertEquals(400, r.status(), r.text());
    assertTrue(r.json().has("message") && r.json().has("field"), r.text());
  }

  @Test
  void aWrongMethodIs405Json() throws Exception {
    ApiServer.Response r =
        api.send(api.request("/api/me", api.admin).PUT(HttpRequest.BodyPublishers.ofString("{}")));
    assertEquals(405, r.status(), r.text());
    assertTrue(r.json().has("message"), r.text());
  }

  @Test
  void anUnknownIdIs404Json() throws Exception {
    ApiServer.Response r = api.get("/api/models/none-such", api.viewer);
    assertEquals(404, r.status());
    assertEquals("no model 'none-such'", r.message());
  }

  @Test
  void aRunValidationFailureIs400NamingTheParameter() {
    var response =
        new RunValidationHandler().handle(null, new RunValidationException("beta", "must be > 0"));
    assertEquals(400, response.code());
    assertEquals("{\"message\":\"beta: must be > 0\",\"field\":\"beta\"}", response.body());
  }
}
