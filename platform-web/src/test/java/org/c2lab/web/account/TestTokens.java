package org.c2lab.web.account;

import io.micronaut.context.ApplicationContext;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real API tokens for test users named {@code NAME:ROLE} (e.g. {@code vera:VIEWER}): the account is
 * created by the first-start admin on first use, its password set, and a token issued, so requests
 * go through the server's own token filter.
 */
public final class TestTokens {
  private final AccountService accounts;
  private final Map<String, String> tokens = new ConcurrentHashMap<>();

  public TestTokens(ApplicationContext context) {
    this.accounts = context.getBean(AccountService.class);
  }

  /** The token of {@code user} ({@code NAME:ROLE}), creating the account on first use. */
  public String of(String user) {
    return tokens.computeIfAbsent(user, this::issue);
  }

  private String issue(String user) {
    String[] parts = user.split(":", 2);
    Principal who = new Principal(parts[0], Role.valueOf(parts[1]));
    Principal admin = new Principal(AccountService.FIRST_ADMIN, Role.ADMIN);
    String first = "first-" + who.username() + "-password";
    accounts.createUser(admin, who.username(), who.role().name().toLowerCase(Locale.ROOT), first);
    accounts.changePassword(who, first, "own-" + who.username() + "-password");
    return accounts.createToken(who, "test").token();
  }
}
