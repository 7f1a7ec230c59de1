package org.c2lab.web.dashboard;

import java.util.Optional;
import org.c2lab.web.account.Principal;
import org.c2lab.web.account.SignIn;

/**
 * How the dashboard's login form checks a user name and password, and lets an account that still
 * has its one-time password choose a new one. The dashboard's only seam to the accounts ({@link
 * AccountsAuthenticator} in the server).
 */
public interface DashboardAuthenticator {
  /** Who signs in with these credentials, or empty if they are wrong (or the account disabled). */
  Optional<SignIn> authenticate(String username, String password);

  /**
   * Replaces {@code who}'s password.
   *
   * @throws IllegalArgumentException when the new password is not acceptable, with the reason
   */
  void changePassword(Principal who, String currentPassword, String newPassword);
}
