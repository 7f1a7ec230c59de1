package org.c2lab.web.dashboard;

import java.util.Optional;
import org.c2lab.web.account.Principal;

/**
 * How the dashboard's login form checks a user name and password. The dashboard's only seam to the
 * accounts: a bean of this type must exist in the server's context (an adapter over the account
 * service).
 */
public interface DashboardAuthenticator {
  /** The principal for these credentials, or empty if they are wrong (or the account disabled). */
  Optional<Principal> authenticate(String username, String password);
}
