package org.c2lab.web.api;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.c2lab.web.account.AccountService;
import org.c2lab.web.account.Principal;
import org.c2lab.web.account.Role;
import org.c2lab.web.account.Session;
import org.c2lab.web.problem.Problem;
import org.c2lab.web.store.RunStoreFactory;

/** Signing in, the caller's identity and changing one's password. */
@Controller
@Requires(env = RunStoreFactory.ENVIRONMENT)
@Requires(beans = AccountService.class)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "accounts")
class AuthController {
  static final String LOGIN = "/api/auth/login";
  static final String PASSWORD = "/api/auth/password";
  static final String ME = "/api/me";

  private final AccountService accounts;

  AuthController(AccountService accounts) {
    this.accounts = accounts;
  }

  /** Who the token belongs to. */
  @Serdeable
  record Me(String username, Role role, boolean mustChangePassword) {}

  /** A password sign-in. */
  @Serdeable
  record Login(@Nullable String username, @Nullable String password) {}

  /** A password change. */
  @Serdeable
  record PasswordChange(@Nullable String currentPassword, @Nullable String newPassword) {}

  @Get(ME)
  @Operation(summary = "The caller: username, role, whether the password must be changed")
  Me me(HttpRequest<?> request) {
    Principal who = Access.principal(request);
    boolean mustChange =
        accounts
            .user(who.username())
            .orElseThrow(() -> Problem.unauthorized("no such account"))
            .mustChangePassword();
    return new Me(who.username(), who.role(), mustChange);
  }

  @Post(LOGIN)
  @Operation(
      summary = "Sign in with username and password",
      description =
          "Returns a short-lived session token to send as Authorization: Bearer, so scripts can"
              + " bootstrap; no token needed.")
  Session login(@Body Login body) {
    return accounts.login(body.username(), body.password());
  }

  @Post(PASSWORD)
  @Operation(summary = "Change the caller's own password (ends a one-time password's limits)")
  HttpResponse<Void> changePassword(HttpRequest<?> request, @Body PasswordChange body) {
    accounts.changePassword(Access.principal(request), body.currentPassword(), body.newPassword());
    return HttpResponse.noContent();
  }
}
