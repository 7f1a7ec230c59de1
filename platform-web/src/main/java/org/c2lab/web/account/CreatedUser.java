package org.c2lab.web.account;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A new account with its one-time password, shown once; the user must change it at first sign-in.
 *
 * @param user the account
 * @param oneTimePassword the password to hand over (generated when the admin gave none)
 */
@Serdeable
public record CreatedUser(UserView user, String oneTimePassword) {}
