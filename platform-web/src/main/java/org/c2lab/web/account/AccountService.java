package org.c2lab.web.account;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.c2lab.web.problem.Problem;
import org.c2lab.web.store.Jdbc;
import org.c2lab.web.store.RunStoreFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lab server's accounts and API tokens over the {@code users} and {@code api_tokens} tables.
 * Passwords are kept as bcrypt hashes, tokens as their SHA-256; neither is ever logged or returned
 * after creation. Account changes are audited.
 *
 * <p>First start: when no account exists, {@code admin} is created with a random one-time password
 * ({@link #firstStartPassword()}, held in memory only, for {@code c2 serve} to print once). A
 * one-time password signs in, but until it is changed ({@link #changePassword}) the session may do
 * nothing else.
 */
@Singleton
@Requires(env = RunStoreFactory.ENVIRONMENT)
@Requires(beans = DataSource.class)
public class AccountService {
  /** How stale a token's recorded last use may get (one write a minute at most). */
  static final java.time.Duration LAST_USED_RESOLUTION = java.time.Duration.ofMinutes(1);

  /** The account created on first start. */
  public static final String FIRST_ADMIN = "admin";

  private static final Logger LOG = LoggerFactory.getLogger(AccountService.class);
  private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{1,63}");
  private static final int MAX_TOKEN_NAME = 128;
  private static final String USER_COLUMNS =
      "username, role, must_change_password, created_at, disabled";
  private static final String TOKEN_COLUMNS =
      "id, username, name, created_at, last_used_at, expires_at, revoked";

  private final Jdbc db;
  private final AuditLog audit;
  private final Duration sessionTtl;
  private final Clock clock;
  private final Passwords passwords;
  private final ApiTokens tokens;
  private volatile String firstStartPassword;

  /**
   * @param dataSource the server's database (migrated by Flyway)
   * @param audit where account changes are recorded
   * @param sessionTtl how long a login session lasts ({@code c2.auth.session-ttl}, default 12 h)
   */
  public AccountService(
      DataSource dataSource,
      AuditLog audit,
      @Value("${c2.auth.session-ttl:12h}") Duration sessionTtl) {
    this(dataSource, audit, sessionTtl, Clock.systemUTC(), new SecureRandom());
  }

  AccountService(
      DataSource dataSource,
      AuditLog audit,
      Duration sessionTtl,
      Clock clock,
      SecureRandom random) {
    this.db = new Jdbc(dataSource, "accounts");
    this.audit = audit;
    this.sessionTtl = sessionTtl;
    this.clock = clock;
    this.passwords = new Passwords(random);
    this.tokens = new ApiTokens(random);
  }

  /** Creates the first admin when there is no account at all. Called once as the bean starts. */
  @PostConstruct
  void createFirstAdmin() {
    if (db.count("SELECT COUNT(*) FROM users") > 0) {
      return;
    }
    String password = passwords.oneTime();
    int created =
        db.update(
            "INSERT INTO users (username, role, password_hash, must_change_password, created_at,"
                + " disabled) SELECT ?, ?, ?, TRUE, ?, FALSE WHERE NOT EXISTS (SELECT 1 FROM users)",
            FIRST_ADMIN,
            Role.ADMIN.name(),
            passwords.hash(password),
            now());
    if (created == 1) {
      firstStartPassword = password;
      audit.record(Principal.SYSTEM, "user.create", FIRST_ADMIN, "first start, one-time password");
      LOG.info("First start: created account '{}' with a one-time password", FIRST_ADMIN);
    }
  }

  /**
   * The one-time password of {@code admin} when this start created it; empty on every later start.
   * Never stored in clear: once this process ends, only its hash remains.
   */
  public Optional<String> firstStartPassword() {
    return Optional.ofNullable(firstStartPassword);
  }

  /** A banner with the first-start password for the server's standard output, or empty. */
  public Optional<String> firstStartBanner() {
    return firstStartPassword()
        .map(
            p -> {
              String rule = "=".repeat(72);
              return rule
                  + "\n  First start: sign in as '"
                  + FIRST_ADMIN
                  + "' with the one-time password\n\n      "
                  + p
                  + "\n\n  You will be asked to choose a new password. It is shown only now.\n"
                  + rule;
            });
  }

  /**
   * Checks a username and password. Unknown users cost as much time as known ones.
   *
   * @throws Problem 401 for a wrong username or password, or a disabled account (one message)
   */
  public SignIn authenticate(String username, String password) {
    Optional<StoredUser> user =
        username == null
            ? Optional.empty()
            : db.one(
                "SELECT password_hash, role, must_change_password, disabled FROM users"
                    + " WHERE username = ?",
                rs ->
                    new StoredUser(
                        rs.getString(1),
                        Role.valueOf(rs.getString(2)),
                        rs.getBoolean(3),
                        rs.getBoolean(4)),
                username);
    if (user.isEmpty()) {
      passwords.checkDecoy(password);
      throw Problem.unauthorized("wrong username or password");
    }
    StoredUser u = user.get();
    if (!passwords.matches(password, u.hash) || u.disabled) {
      throw Problem.unauthorized("wrong username or password");
    }
    return new SignIn(new Principal(username, u.role), u.mustChange);
  }

  /** Signs in with a password and opens a session token valid for {@code c2.auth.session-ttl}. */
  public Session login(String username, String password) {
    if (username == null || username.isBlank()) {
      throw Problem.invalid("username", "missing");
    }
    if (password == null || password.isEmpty()) {
      throw Problem.invalid("password", "missing");
    }
    SignIn who = authenticate(username, password);
    Instant expires = now().plus(sessionTtl);
    String token = insertToken(who.principal().username(), "login session", expires).token();
    audit.record(who.principal(), "login", username, "");
    return new Session(token, expires, username, who.principal().role(), who.mustChangePassword());
  }

  /**
   * The account a bearer token belongs to, if the token is known, not revoked, not expired and its
   * account not disabled; records the use (to the minute: at most one write a minute per token).
   */
  public Optional<SignIn> authenticateToken(String token) {
    if (!ApiTokens.looksLikeToken(token)) {
      return Optional.empty();
    }
    String hash = ApiTokens.hash(token);
    Instant now = now();
    Optional<TokenOwner> owner =
        db.one(
            "SELECT t.id, u.username, u.role, u.must_change_password FROM api_tokens t"
                + " JOIN users u ON u.username = t.username"
                + " WHERE t.token_sha256 = ? AND NOT t.revoked AND NOT u.disabled"
                + " AND (t.expires_at IS NULL OR t.expires_at > ?)",
            rs ->
                new TokenOwner(
                    rs.getString(1),
                    new SignIn(
                        new Principal(rs.getString(2), Role.valueOf(rs.getString(3))),
                        rs.getBoolean(4))),
            hash,
            now);
    // At most one write a minute per token: a busy script's every request need not write.
    owner.ifPresent(
        o ->
            db.update(
                "UPDATE api_tokens SET last_used_at = ? WHERE id = ?"
                    + " AND (last_used_at IS NULL OR last_used_at < ?)",
                now,
                o.id,
                now.minus(LAST_USED_RESOLUTION)));
    return owner.map(TokenOwner::signIn);
  }

  /** The account, if it exists. */
  public Optional<UserView> user(String username) {
    return db.one(
        "SELECT " + USER_COLUMNS + " FROM users WHERE username = ?",
        AccountService::user,
        username);
  }

  /** Every account, by name (admins only). */
  public List<UserView> listUsers(Principal actor) {
    requireAdmin(actor);
    return db.query(
        "SELECT " + USER_COLUMNS + " FROM users ORDER BY username", AccountService::user);
  }

  /**
   * Creates an account (admins only) that must change its password at first sign-in.
   *
   * @param password the initial password, or null to generate one
   * @throws Problem 400 naming {@code username}, {@code role} or {@code password}; 409 when the
   *     name is taken
   */
  public CreatedUser createUser(Principal actor, String username, String role, String password) {
    requireAdmin(actor);
    if (username == null || username.isBlank()) {
      throw Problem.invalid("username", "missing");
    }
    if (!USERNAME.matcher(username).matches()) {
      throw Problem.invalid(
          "username",
          "must be 2-64 characters: a lowercase letter, then lowercase letters, digits, '.', '_',"
              + " '-'");
    }
    Role parsed = parseRole(role);
    String initial = password == null ? passwords.oneTime() : password;
    Passwords.requireAcceptable(initial, "password");
    Instant now = now();
    boolean inserted =
        db.transaction(
            c -> {
              if (!Jdbc.query(c, "SELECT 1 FROM users WHERE username = ?", rs -> 1, username)
                  .isEmpty()) {
                return false;
              }
              Jdbc.update(
                  c,
                  "INSERT INTO users (username, role, password_hash, must_change_password,"
                      + " created_at, disabled) VALUES (?, ?, ?, TRUE, ?, FALSE)",
                  username,
                  parsed.name(),
                  passwords.hash(initial),
                  now);
              return true;
            });
    if (!inserted) {
      throw Problem.conflict("username", "user '" + username + "' already exists");
    }
    audit.record(actor, "user.create", username, "role " + parsed.name().toLowerCase(Locale.ROOT));
    return new CreatedUser(user(username).orElseThrow(), initial);
  }

  /**
   * Disables an account (admins only): it can no longer sign in and its tokens stop working. An
   * admin cannot disable their own account.
   */
  public UserView disableUser(Principal actor, String username) {
    requireAdmin(actor);
    if (actor.username().equals(username)) {
      throw Problem.conflict("username", "you cannot disable your own account");
    }
    if (db.update("UPDATE users SET disabled = TRUE WHERE username = ?", username) == 0) {
      throw Problem.notFound("no user '" + username + "'");
    }
    audit.record(actor, "user.disable", username, "");
    return user(username).orElseThrow();
  }

  /**
   * Changes the caller's own password, which ends the one-time password's restriction.
   *
   * @throws Problem 400 naming {@code currentPassword} when it is wrong, {@code newPassword} when
   *     the new one is unacceptable or equal to the current one
   */
  public void changePassword(Principal who, String currentPassword, String newPassword) {
    if (currentPassword == null || currentPassword.isEmpty()) {
      throw Problem.invalid("currentPassword", "missing");
    }
    Passwords.requireAcceptable(newPassword, "newPassword");
    String hash =
        db.one(
                "SELECT password_hash FROM users WHERE username = ?",
                rs -> rs.getString(1),
                who.username())
            .orElseThrow(() -> Problem.notFound("no user '" + who.username() + "'"));
    if (!passwords.matches(currentPassword, hash)) {
      throw Problem.invalid("currentPassword", "wrong password");
    }
    if (currentPassword.equals(newPassword)) {
      throw Problem.invalid("newPassword", "must differ from the current password");
    }
    db.update(
        "UPDATE users SET password_hash = ?, must_change_password = FALSE WHERE username = ?",
        passwords.hash(newPassword),
        who.username());
    audit.record(who, "password.change", who.username(), "");
  }

  /** Creates an API token for the caller; the answer holds the secret, shown once. */
  public IssuedToken createToken(Principal who, String name) {
    if (name == null || name.isBlank()) {
      throw Problem.invalid("name", "missing");
    }
    if (name.length() > MAX_TOKEN_NAME) {
      throw Problem.invalid("name", "must be at most " + MAX_TOKEN_NAME + " characters");
    }
    IssuedToken issued = insertToken(who.username(), name.strip(), null);
    audit.record(who, "token.create", issued.info().id(), name.strip());
    return issued;
  }

  /** The caller's tokens and sessions, newest first (never the secrets). */
  public List<TokenView> listTokens(Principal who) {
    return db.query(
        "SELECT "
            + TOKEN_COLUMNS
            + " FROM api_tokens WHERE username = ? ORDER BY created_at DESC, id",
        AccountService::token,
        who.username());
  }

  /**
   * Revokes a token: the caller's own, or anyone's for an admin.
   *
   * @throws Problem 404 when there is no such token among those the caller may revoke
   */
  public TokenView revokeToken(Principal who, String id) {
    int changed =
        who.role().canAdminister()
            ? db.update("UPDATE api_tokens SET revoked = TRUE WHERE id = ?", id)
            : db.update(
                "UPDATE api_tokens SET revoked = TRUE WHERE id = ? AND username = ?",
                id,
                who.username());
    if (changed == 0) {
      throw Problem.notFound("no token '" + id + "'");
    }
    audit.record(who, "token.revoke", id, "");
    return db.one(
            "SELECT " + TOKEN_COLUMNS + " FROM api_tokens WHERE id = ?", AccountService::token, id)
        .orElseThrow();
  }

  private IssuedToken insertToken(String username, String name, Instant expires) {
    String token = tokens.newToken();
    String id = tokens.newId();
    Instant now = now();
    db.update(
        "INSERT INTO api_tokens (id, username, name, token_sha256, created_at, expires_at,"
            + " revoked) VALUES (?, ?, ?, ?, ?, ?, FALSE)",
        id,
        username,
        name,
        ApiTokens.hash(token),
        now,
        expires);
    return new IssuedToken(token, new TokenView(id, username, name, now, null, expires, false));
  }

  private static void requireAdmin(Principal actor) {
    if (!actor.role().canAdminister()) {
      throw Problem.forbidden("only admins manage accounts");
    }
  }

  private static Role parseRole(String role) {
    if (role == null || role.isBlank()) {
      throw Problem.invalid("role", "missing");
    }
    try {
      return Role.valueOf(role.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Problem.invalid("role", "expected admin, researcher or viewer, got '" + role + "'");
    }
  }

  private Instant now() {
    return clock.instant();
  }

  private static UserView user(ResultSet rs) throws SQLException {
    return new UserView(
        rs.getString("username"),
        Role.valueOf(rs.getString("role")),
        rs.getBoolean("must_change_password"),
        Jdbc.instant(rs, "created_at"),
        rs.getBoolean("disabled"));
  }

  private static TokenView token(ResultSet rs) throws SQLException {
    return new TokenView(
        rs.getString("id"),
        rs.getString("username"),
        rs.getString("name"),
        Jdbc.instant(rs, "created_at"),
        Jdbc.instant(rs, "last_used_at"),
        Jdbc.instant(rs, "expires_at"),
        rs.getBoolean("revoked"));
  }

  private record StoredUser(String hash, Role role, boolean mustChange, boolean disabled) {}

  private record TokenOwner(String id, SignIn signIn) {}
}
