package org.c2lab.web.dashboard;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import org.c2lab.web.account.Principal;
import org.c2lab.web.account.Role;
import org.c2lab.web.account.SignIn;

/**
 * Test accounts for the login form, in the dashboard's test environment only, replacing the
 * server's account-backed authenticator there.
 */
@Singleton
@Requires(env = InMemoryRunService.ENVIRONMENT)
@Replaces(AccountsAuthenticator.class)
public class TestAccounts implements DashboardAuthenticator {
  public static final String PASSWORD = "correct horse";
  public static final Principal RESEARCHER = new Principal("rita", Role.RESEARCHER);
  public static final Principal VIEWER = new Principal("victor", Role.VIEWER);

  private static final Map<String, Principal> USERS =
      Map.of(RESEARCHER.username(), RESEARCHER, VIEWER.username(), VIEWER);

  @Override
  public Optional<SignIn> authenticate(String username, String password) {
    return PASSWORD.equals(password)
        ? Optional.ofNullable(USERS.get(username)).map(p -> new SignIn(p, false))
        : Optional.empty();
  }

  @Override
  public void changePassword(Principal who, String currentPassword, String newPassword) {
    throw new IllegalArgumentException("test accounts keep their passwords");
  }
}
