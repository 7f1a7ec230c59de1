package org.c2lab.web.account;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A signed-in session from {@code POST /api/auth/login}: a short-lived token used like an API
 * token.
 *
 * @param token the secret, {@code c2_...}, shown once
 * @param expiresAt when it stops working
 * @param username who signed in
 * @param role their role
 * @param mustChangePassword when true, the session may only change the password (and read {@code
 *     /api/me}) until it is changed
 */
@Serdeable
public record Session(
    String token, Instant expiresAt, String username, Role role, boolean mustChangePassword) {}
