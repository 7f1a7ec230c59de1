package org.c2lab.web.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.c2lab.core.store.PageRequest;
import org.c2lab.web.problem.Problem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccountServiceTest {
  @TempDir Path home;
  private ApplicationContext context;
  private AccountService accounts;
  private Principal admin;

  @BeforeEach
  void start() {
    context = ServerDatabase.start(home);
    accounts = context.getBean(AccountService.class);
    admin = new Principal(AccountService.FIRST_ADMIN, Role.ADMIN);
  }

  @AfterEach
  void stop() {
    context.close();
  }

  @Test
  void firstStartCreatesAnAdminWithAOneTimePasswordThatMustBeChanged() {
    String password = accounts.firstStartPassword().orElseThrow();
    assertTrue(accounts.firstStartBanner().orElseThrow().contains(password));
    SignIn signIn = accounts.authenticate("admin", password);
    assertEquals(Role.ADMIN, signIn.principal().role());
    assertTrue(signIn.mustChangePassword());

    accounts.changePassword(signIn.principal(), password, "a much better secret");

    assertFalse(accounts.authenticate("admin", "a much better secret").mustChangePassword());
    Problem old = assertThrows(Problem.class, () -> accounts.authenticate("admin", password));
    assertEquals(Problem.Kind.UNAUTHORIZED, old.kind());
  }

  @Test
  void theDatabaseHoldsNeitherThePasswordNorTheToken() throws Exception {
    String password = accounts.firstStartPassword().orElseThrow();
    IssuedToken token = accounts.createToken(admin, "laptop");
    String dump = dumpTables("users", "api_tokens");
    assertFalse(dump.contains(password));
    assertFalse(dump.contains(token.token()));
    assertFalse(dump.contains(token.token().substring(3)));
    assertTrue(dump.contains(org.c2lab.core.provenance.Sha256.of(token.token())));
  }

  @Test
  void aTokenAuthenticatesItsOwnerUntilRevoked() {
    IssuedToken token = accounts.createToken(admin, "laptop");
    assertTrue(token.token().startsWith("c2_"));
    assertEquals(
        "admin", accounts.authenticateToken(token.token()).orElseThrow().principal().username());
    assertTrue(accounts.authenticateToken(token.token() + "x").isEmpty());
    assertTrue(accounts.authenticateToken("not-a-token").isEmpty());
    java.time.Instant firstUse = accounts.listTokens(admin).get(0).lastUsedAt();
    assertTrue(firstUse != null);
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    accounts.authenticateToken(token.token());
    assertEquals(
        firstUse,
        accounts.listTokens(admin).get(0).lastUsedAt(),
        "the last use is recorded to the minute, not rewritten on every request");

    accounts.revokeToken(admin, token.info().id());

    assertTrue(accounts.authenticateToken(token.token()).isEmpty());
  }

  @Test
  void aResearcherRevokesOnlyTheirOwnTokensAndAnAdminAnyone() {
    accounts.createUser(admin, "ria", "researcher", "researcher-pass-1");
    accounts.createUser(admin, "rob", "researcher", "researcher-pass-2");
    Principal ria = new Principal("ria", Role.RESEARCHER);
    Principal rob = new Principal("rob", Role.RESEARCHER);
    IssuedToken robs = accounts.createToken(rob, "rob's");

    Problem notHers =
        assertThrows(Problem.class, () -> accounts.revokeToken(ria, robs.info().id()));
    assertEquals(Problem.Kind.NOT_FOUND, notHers.kind());
    assertTrue(accounts.authenticateToken(robs.token()).isPresent());

    accounts.revokeToken(admin, robs.info().id());
    assertTrue(accounts.authenticateToken(robs.token()).isEmpty());
  }

  @Test
  void aDisabledAccountCanNeitherSignInNorUseItsTokens() {
    accounts.createUser(admin, "vic", "viewer", "viewer-password");
    Principal vic = new Principal("vic", Role.VIEWER);
    IssuedToken token = accounts.createToken(vic, "t");

    accounts.disableUser(admin, "vic");

    assertThrows(Problem.class, () -> accounts.authenticate("vic", "viewer-password"));
    assertTrue(accounts.authenticateToken(token.token()).isEmpty());
  }

  @Test
  void unknownUsersAndWrongPasswordsGetTheSameAnswer() {
    accounts.createUser(admin, "vic", "viewer", "viewer-password");
    Problem unknown = assertThrows(Problem.class, () -> accounts.authenticate("nobody", "x"));
    Problem wrong = assertThrows(Problem.class, () -> accounts.authenticate("vic", "x"));
    assertEquals(unknown.getMessage(), wrong.getMessage());
  }

  @Test
  void newAccountsAreValidatedAndNamesAreUnique() {
    assertEquals(
        "username",
        assertThrows(Problem.class, () -> accounts.createUser(admin, "Bad Name", "viewer", null))
            .field());
    assertEquals(
        "role",
        assertThrows(Problem.class, () -> accounts.createUser(admin, "ok", "boss", null)).field());
    assertEquals(
        "password",
        assertThrows(Problem.class, () -> accounts.createUser(admin, "ok", "viewer", "short"))
            .field());
    CreatedUser created = accounts.createUser(admin, "ok", "viewer", null);
    assertTrue(created.user().mustChangePassword());
    assertTrue(accounts.authenticate("ok", created.oneTimePassword()).mustChangePassword());
    assertEquals(
        Problem.Kind.CONFLICT,
        assertThrows(Problem.class, () -> accounts.createUser(admin, "ok", "viewer", null)).kind());
  }

  @Test
  void onlyAdminsManageAccounts() {
    Principal researcher = new Principal("ria", Role.RESEARCHER);
    assertEquals(
        Problem.Kind.FORBIDDEN,
        assertThrows(Problem.class, () -> accounts.listUsers(researcher)).kind());
    assertEquals(
        Problem.Kind.FORBIDDEN,
        assertThrows(Problem.class, () -> accounts.createUser(researcher, "x1", "viewer", null))
            .kind());
  }

  @Test
  void accountChangesAreAudited() {
    accounts.createUser(admin, "ria", "researcher", null);
    accounts.disableUser(admin, "ria");
    List<String> actions = new ArrayList<>();
    context
        .getBean(AuditLog.class)
        .list(PageRequest.first(10))
        .items()
        .forEach(e -> actions.add(e.actor() + " " + e.action() + " " + e.target()));
    assertEquals(
        List.of("admin user.disable ria", "admin user.create ria", "system user.create admin"),
        actions);
  }

  @Test
  void aRestartKeepsAccountsAndCreatesNoSecondAdmin() {
    AccountService again =
        new AccountService(
            context.getBean(DataSource.class),
            context.getBean(AuditLog.class),
            java.time.Duration.ofHours(1));
    again.createFirstAdmin();
    assertTrue(again.firstStartPassword().isEmpty());
    assertEquals(1, accounts.listUsers(admin).size());
  }

  private String dumpTables(String... tables) throws Exception {
    StringBuilder out = new StringBuilder();
    try (Connection c = context.getBean(DataSource.class).getConnection();
        Statement s = c.createStatement()) {
      for (String table : tables) {
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= columns; i++) {
              out.append(rs.getString(i)).append('|');
            }
            out.append('\n');
          }
        }
      }
    }
    return out.toString();
  }
}
