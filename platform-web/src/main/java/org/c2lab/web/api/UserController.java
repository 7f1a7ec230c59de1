package org.c2lab.web.api;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.c2lab.web.account.AccountService;
import org.c2lab.web.account.CreatedUser;
import org.c2lab.web.account.UserView;
import org.c2lab.web.store.RunStoreFactory;

/** Accounts, for admins. */
@Controller("/api/users")
@Requires(env = RunStoreFactory.ENVIRONMENT)
@Requires(beans = AccountService.class)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "accounts")
class UserController {
  private final AccountService accounts;

  UserController(AccountService accounts) {
    this.accounts = accounts;
  }

  /** A new account; without a password, a one-time password is generated and returned once. */
  @Serdeable
  record NewUser(@Nullable String username, @Nullable String role, @Nullable String password) {}

  @Get
  @Operation(summary = "Every account (admins)")
  List<UserView> list(HttpRequest<?> request) {
    return accounts.listUsers(Access.requireAdmin(request));
  }

  @Post
  @Operation(summary = "Create an account with a one-time password (admins)")
  HttpResponse<CreatedUser> create(HttpRequest<?> request, @Body NewUser body) {
    return HttpResponse.created(
        accounts.createUser(
            Access.requireAdmin(request), body.username(), body.role(), body.password()));
  }

  @Post("/{name}/disable")
  @Operation(summary = "Disable an account: no sign-in, its tokens stop working (admins)")
  UserView disable(HttpRequest<?> request, @PathVariable String name) {
    return accounts.disableUser(Access.requireAdmin(request), name);
  }
}
