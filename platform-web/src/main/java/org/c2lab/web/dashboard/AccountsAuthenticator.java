package org.c2lab.web.dashboard;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.c2lab.web.account.AccountService;
import org.c2lab.web.account.AuditLog;
import org.c2lab.web.account.Principal;
import org.c2lab.web.account.SignIn;
import org.c2lab.web.problem.Problem;

/** The login form over the server's accounts; every dashboard sign-in is audited. */
@Singleton
@Requires(beans = AccountService.class)
public class AccountsAuthenticator implements DashboardAuthenticator {
  private final AccountService accounts;
  private final AuditLog audit;

  public AccountsAuthenticator(AccountService accounts, AuditLog audit) {
    this.accounts = accounts;
    this.audit = audit;
  }

  @Override
  public Optional<SignIn> authenticate(String username, String password) {
    try {
      SignIn who = accounts.authenticate(username, password);
      audit.record(who.principal(), "login", username, "dashboard");
      return Optional.of(who);
    } catch (Problem refused) {
      return Optional.empty();
    }
  }

  @Override
  public void changePassword(Principal who, String currentPassword, String newPassword) {
    try {
      accounts.changePassword(who, currentPassword, newPassword);
    } catch (Problem refused) {
      throw new IllegalArgumentException(refused.getMessage(), refused);
    }
  }
}
