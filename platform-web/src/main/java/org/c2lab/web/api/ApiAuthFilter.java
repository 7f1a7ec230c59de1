package org.c2lab.web.api;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Optional;
import java.util.Set;
import org.c2lab.web.account.AccountService;
import org.c2lab.web.account.Principal;
import org.c2lab.web.account.SignIn;
import org.c2lab.web.serve.OpenAiErrorBodies;
import org.c2lab.web.store.RunStoreFactory;

/**
 * Authenticates every {@code /api} and {@code /v1} request by {@code Authorization: Bearer c2_...}
 * (an API token or a login session) and puts the {@link Principal} on the request as {@link
 * Principal#REQUEST_ATTRIBUTE}. Open without a token: {@link #OPEN} (login and the OpenAPI
 * document). A missing or invalid token is 401; an account that still has its one-time password may
 * only read {@code /api/me} and change the password (403 otherwise).
 */
@ServerFilter(patterns = {"/api/**", "/v1/**"})
@Requires(env = RunStoreFactory.ENVIRONMENT)
@Requires(beans = AccountService.class)
class ApiAuthFilter {
  /** Paths served without a token. */
  static final Set<String> OPEN =
      Set.of(AuthController.LOGIN, OpenApiController.YAML, OpenApiController.YAML_ALIAS);

  /** Paths an account with a one-time password may use. */
  static final Set<String> BEFORE_PASSWORD_CHANGE =
      Set.of(AuthController.ME, AuthController.PASSWORD);

  private static final String BEARER = "Bearer ";

  private final AccountService accounts;

  ApiAuthFilter(AccountService accounts) {
    this.accounts = accounts;
  }

  /** Null lets the request through; a response answers it at once. */
  @RequestFilter
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Nullable
  HttpResponse<?> authenticate(HttpRequest<?> request) {
    String path = request.getPath();
    if (OPEN.contains(path)) {
      return null;
    }
    Optional<SignIn> who =
        request
            .getHeaders()
            .get(HttpHeaders.AUTHORIZATION, String.class)
            .filter(h -> h.regionMatches(true, 0, BEARER, 0, BEARER.length()))
            .map(h -> h.substring(BEARER.length()).strip())
            .flatMap(accounts::authenticateToken);
    if (who.isEmpty()) {
      boolean sent = request.getHeaders().contains(HttpHeaders.AUTHORIZATION);
      String message =
          sent
              ? "invalid, revoked or expired token"
              : "missing Authorization: Bearer c2_... (create a token, or POST "
                  + AuthController.LOGIN
                  + ")";
      return path.startsWith("/v1/")
          ? HttpResponse.unauthorized()
              .body(OpenAiErrorBodies.openAiBody(401, message))
              .contentType(io.micronaut.http.MediaType.APPLICATION_JSON_TYPE)
          : ApiError.respond(401, message, null);
    }
    if (who.get().mustChangePassword() && !BEFORE_PASSWORD_CHANGE.contains(path)) {
      return ApiError.respond(
          403, "change your one-time password first: POST " + AuthController.PASSWORD, "password");
    }
    request.setAttribute(Principal.REQUEST_ATTRIBUTE, who.get().principal());
    return null;
  }
}
