package org.c2lab.web.serve;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Requires {@code Authorization: Bearer <key>} on every {@code /v1} request when the server was
 * started with a key. The header is never logged or echoed.
 */
@ServerFilter("/v1/**")
@Requires(beans = ServeOptions.class)
class BearerTokenFilter {
  private final ServeOptions options;

  BearerTokenFilter(ServeOptions options) {
    this.options = options;
  }

  /** Null lets the request through; a response answers it at once. */
  @RequestFilter
  @Nullable
  HttpResponse<?> authorize(HttpRequest<?> request) {
    return options
        .apiKey()
        .filter(
            key -> !key.acceptsAuthorization(request.getHeaders().get(HttpHeaders.AUTHORIZATION)))
        .map(key -> ApiExceptionHandler.respond(ApiException.unauthorized()))
        .orElse(null);
  }
}
