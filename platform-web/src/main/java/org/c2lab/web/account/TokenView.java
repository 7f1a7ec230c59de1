package org.c2lab.web.account;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * An API token as listings show it: never the token, which exists only in the answer that created
 * it.
 *
 * @param id the public id, used to revoke it
 * @param username its owner
 * @param name what the owner called it
 * @param createdAt when it was created
 * @param lastUsedAt when it last authenticated a request, or null
 * @param expiresAt when it stops working (login sessions), or null for never
 * @param revoked whether it was revoked
 */
@Serdeable
public record TokenView(
    String id,
    String username,
    String name,
    Instant createdAt,
    Instant lastUsedAt,
    Instant expiresAt,
    boolean revoked) {}
