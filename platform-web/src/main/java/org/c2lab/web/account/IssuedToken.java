package org.c2lab.web.account;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A token just created: the secret {@code token} (send it as {@code Authorization: Bearer}) is
 * shown here once and never again; the server keeps only its SHA-256.
 *
 * @param token the secret, {@code c2_...}
 * @param info its listing entry
 */
@Serdeable
public record IssuedToken(String token, TokenView info) {}
