package org.c2lab.web.account;

import java.util.Objects;

/**
 * Who is acting: a signed-in dashboard user or the owner of an API token. The REST layer puts it on
 * the request as the attribute {@link #REQUEST_ATTRIBUTE}; the dashboard keeps it in the session.
 *
 * @param username the account name
 * @param role what the account may do
 */
public record Principal(String username, Role role) {
  /** The request attribute under which the authenticated principal travels. */
  public static final String REQUEST_ATTRIBUTE = "c2.principal";

  /** The principal the server itself acts as (first-start demo, resumed runs). */
  public static final Principal SYSTEM = new Principal("system", Role.ADMIN);

  public Principal {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(role, "role");
    if (username.isBlank()) {
      throw new IllegalArgumentException("username must not be blank");
    }
  }
}
