package org.c2lab.web.api;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
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
import org.c2lab.web.account.IssuedToken;
import org.c2lab.web.account.TokenView;
import org.c2lab.web.store.RunStoreFactory;

/** The caller's API tokens. */
@Controller("/api/tokens")
@Requires(env = RunStoreFactory.ENVIRONMENT)
@Requires(beans = AccountService.class)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "accounts")
class TokenController {
  private final AccountService accounts;

  TokenController(AccountService accounts) {
    this.accounts = accounts;
  }

  /** A new token's name. */
  @Serdeable
  record NewToken(@Nullable String name) {}

  @Get
  @Operation(summary = "The caller's tokens and login sessions (never the secrets)")
  List<TokenView> list(HttpRequest<?> request) {
    return accounts.listTokens(Access.principal(request));
  }

  @Post
  @Operation(summary = "Create a token; the secret c2_... is in this answer only")
  HttpResponse<IssuedToken> create(HttpRequest<?> request, @Body NewToken body) {
    return HttpResponse.created(accounts.createToken(Access.principal(request), body.name()));
  }

  @Delete("/{id}")
  @Operation(summary = "Revoke one of the caller's tokens (admins: anyone's)")
  TokenView revoke(HttpRequest<?> request, @PathVariable String id) {
    return accounts.revokeToken(Access.principal(request), id);
  }
}
