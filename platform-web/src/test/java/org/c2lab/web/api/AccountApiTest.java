package org.c2lab.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.c2lab.web.account.AccountService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /api/me, /api/auth/*, /api/users, /api/tokens, /api/audit over HTTP. */
class AccountApiTest {
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
  void withoutATokenEveryRouteIs401Json() throws Exception {
    for (String path :
        new String[] {
          "/api/me",
          "/api/users",
          "/api/tokens",
          "/api/audit",
          "/api/models",
          "/api/datasets",
          "/v1/models"
        }) {
      ApiServer.Response r = api.get(path, null);
      assertEquals(401, r.status(), path);
    }
    ApiServer.Response r = api.get("/api/me", null);
    assertTrue(r.message().contains("Authorization"), r.text());
    assertNull(r.field());
    assertTrue(r.json().has("field"));
  }

  @Test
  void aBadTokenIs401() throws Exception {
    assertEquals(401, api.get("/api/me", "c2_" + "x".repeat(43)).status());
    assertEquals(401, api.get("/api/me", "nonsense").status());
    ApiServer.Response v1 = api.get("/v1/models", "c2_nope-nope-nope-nope-nope");
    assertEquals(401, v1.status());
    assertTrue(v1.json().has("error"), v1.text());
  }

  @Test
  void meNamesTheCallerAndRole() throws Exception {
    ApiServer.Response r = api.get("/api/me", api.researcher);
    assertEquals(200, r.status(), r.text());
    assertEquals("ria", r.json().get("username").asText());
    assertEquals("RESEARCHER", r.json().get("role").asText());
    assertFalse(r.json().get("mustChangePassword").asBoolean());
  }

  @Test
  void unknownRoutesAre404Json() throws Exception {
    ApiServer.Response r = api.get("/api/nothing-here", api.admin);
    assertEquals(404, r.status());
    assertTrue(r.json().has("message"), r.text());
    assertTrue(r.json().has("field"));
  }

  @Test
  void loginGivesASessionTokenUsableAsBearer() throws Exception {
    ApiServer.Response login =
        api.post(
            "/api/auth/login",
            null,
            Map.of("username", "admin", "password", ApiServer.ADMIN_PASSWORD));
    assertEquals(200, login.status(), login.text());
    String token = login.json().get("token").asText();
    assertTrue(token.startsWith("c2_"));
    assertEquals("admin", api.get("/api/me", token).json().get("username").asText());

    ApiServer.Response wrong =
        api.post("/api/auth/login", null, Map.of("username", "admin", "password", "wrong-one!"));
    assertEquals(401, wrong.status());
    ApiServer.Response missing = api.post("/api/auth/login", null, Map.of("username", "admin"));
    assertEquals(400, missing.status());
    assertEquals("password", missing.field());
  }

  @Test
  void theFirstStartPasswordSignsInThenOnlyAllowsChangingIt() throws Exception {
    // a fresh server: its admin still has the one-time password
    try (ApiServer fresh = ApiServer.startFresh(home.resolve("fresh"))) {
      String oneTime = fresh.bean(AccountService.class).firstStartPassword().orElseThrow();
      ApiServer.Response login =
          fresh.post("/api/auth/login", null, Map.of("username", "admin", "password", oneTime));
      assertEquals(200, login.status(), login.text());
      assertTrue(login.json().get("mustChangePassword").asBoolean());
      String session = login.json().get("token").asText();

      assertTrue(fresh.get("/api/me", session).json().get("mustChangePassword").asBoolean());
      ApiServer.Response blocked = fresh.get("/api/users", session);
      assertEquals(403, blocked.status());
      assertEquals("password", blocked.field());

      ApiServer.Response tooShort =
          fresh.post(
              "/api/auth/password",
              session,
              Map.of("currentPassword", oneTime, "newPassword", "short"));
      assertEquals(400, tooShort.status());
      assertEquals("newPassword", tooShort.field());
      ApiServer.Response changed =
          fresh.post(
              "/api/auth/password",
              session,
              Map.of("currentPassword", oneTime, "newPassword", "my-own-password"));
      assertEquals(204, changed.status(), changed.text());

      assertEquals(200, fresh.get("/api/users", session).status());
      assertEquals(
          401,
          fresh
              .post("/api/auth/login", null, Map.of("username", "admin", "password", oneTime))
              .status());
    }
  }

  @Test
  void adminsManageUsersAndOthersGet403() throws Exception {
    assertEquals(403, api.get("/api/users", api.researcher).status());
    assertEquals(403, api.get("/api/users", api.viewer).status());
    ApiServer.Response forbidden =
        api.post("/api/users", api.researcher, Map.of("username", "eve", "role", "admin"));
    assertEquals(403, forbidden.status());
    assertTrue(forbidden.json().has("message"));

    ApiServer.Response created =
        api.post("/api/users", api.admin, Map.of("username", "newbie", "role", "viewer"));
    assertEquals(201, created.status(), created.text());
    assertTrue(created.json().get("user").get("mustChangePassword").asBoolean());
    assertEquals(20, created.json().get("oneTimePassword").asText().length());
    ApiServer.Response again =
        api.post("/api/users", api.admin, Map.of("username", "newbie", "role", "viewer"));
    assertEquals(409, again.status());
    assertEquals("username", again.field());
    ApiServer.Response badRole =
        api.post("/api/users", api.admin, Map.of("username", "other", "role", "boss"));
    assertEquals(400, badRole.status());
    assertEquals("role", badRole.field());

    ApiServer.Response users = api.get("/api/users", api.admin);
    assertTrue(users.text().contains("\"newbie\""));
    assertFalse(users.text().contains("$2a$"));
    ApiServer.Response disabled = api.post("/api/users/newbie/disable", api.admin, "{}");
    assertEquals(200, disabled.status(), disabled.text());
    assertTrue(disabled.json().get("disabled").asBoolean());
    assertEquals(404, api.post("/api/users/ghost/disable", api.admin, "{}").status());
    assertEquals(403, api.post("/api/users/newbie/disable", api.viewer, "{}").status());
  }

  @Test
  void tokensAreShownOnceListedWithoutSecretsAndRevocable() throws Exception {
    ApiServer.Response created = api.post("/api/tokens", api.viewer, Map.of("name", "script"));
    assertEquals(201, created.status(), created.text());
    String token = created.json().get("token").asText();
    String id = created.json().get("info").get("id").asText();
    assertEquals(200, api.get("/api/me", token).status());

    ApiServer.Response list = api.get("/api/tokens", api.viewer);
    assertTrue(list.text().contains(id));
    assertFalse(list.text().contains(token));

    assertEquals(404, api.delete("/api/tokens/" + id, api.researcher).status());
    ApiServer.Response revoked = api.delete("/api/tokens/" + id, api.viewer);
    assertEquals(200, revoked.status(), revoked.text());
    assertTrue(revoked.json().get("revoked").asBoolean());
    assertEquals(401, api.get("/api/me", token).status());

    ApiServer.Response noName = api.post("/api/tokens", api.viewer, "{}");
    assertEquals(400, noName.status());
    assertEquals("name", noName.field());
  }

  @Test
  void revealsAreAuditedAndViewersCannotReveal() throws Exception {
    assertEquals(
        403,
        api.post("/api/audit/reveal", api.viewer, Map.of("target", "run r1 sample 3")).status());
    ApiServer.Response noTarget = api.post("/api/audit/reveal", api.researcher, "{}");
    assertEquals(400, noTarget.status());
    assertEquals("target", noTarget.field());
    assertEquals(
        204,
        api.post("/api/audit/reveal", api.researcher, Map.of("target", "run r1 sample 3"))
            .status());

    ApiServer.Response audit = api.get("/api/audit?limit=5", api.admin);
    assertEquals(200, audit.status(), audit.text());
    var first = audit.json().get("items").get(0);
    assertEquals("ria", first.get("actor").asText());
    assertEquals("reveal", first.get("action").asText());
    assertEquals("run r1 sample 3", first.get("target").asText());
    assertEquals(403, api.get("/api/audit", api.researcher).status());
  }

  @Test
  void auditPagingIsValidated() throws Exception {
    assertEquals("limit", api.get("/api/audit?limit=0", api.admin).field());
    assertEquals("limit", api.get("/api/audit?limit=1001", api.admin).field());
    assertEquals("offset", api.get("/api/audit?offset=-1", api.admin).field());
    assertEquals("limit", api.get("/api/audit?limit=ten", api.admin).field());
    ApiServer.Response page = api.get("/api/audit?offset=1&limit=2", api.admin);
    assertEquals(200, page.status());
    assertEquals(2, page.json().get("items").size());
    assertEquals(1, page.json().get("offset").asLong());
    assertTrue(page.json().get("total").asLong() >= 3);
  }
}
