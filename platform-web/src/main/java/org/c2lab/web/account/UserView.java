package org.c2lab.web.account;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * An account as listings show it (never its password hash).
 *
 * @param username the account name
 * @param role what it may do
 * @param mustChangePassword whether it signs in with a one-time password it must change first
 * @param createdAt when it was created
 * @param disabled whether it is disabled (cannot sign in; its tokens stop working)
 */
@Serdeable
public record UserView(
    String username, Role role, boolean mustChangePassword, Instant createdAt, boolean disabled) {

  /** The principal this account acts as. */
  public Principal principal() {
    return new Principal(username, role);
  }
}
