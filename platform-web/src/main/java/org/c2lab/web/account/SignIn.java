package org.c2lab.web.account;

/**
 * Who a password or token authenticated.
 *
 * @param principal the account acting
 * @param mustChangePassword whether the account still has a one-time password: until it is changed,
 *     only changing it is allowed
 */
public record SignIn(Principal principal, boolean mustChangePassword) {}
