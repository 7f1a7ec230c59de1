package org.c2lab.web.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;
import org.c2lab.web.serve.OpenAiErrorBodies;
import org.c2lab.web.store.RunStoreFactory;

/**
 * Errors the framework answers by itself on the lab server (no such route, wrong method, body too
 * large, unreadable body, a failure outside our code): {@code /v1} in OpenAI's shape like {@code
 * model serve}, everything else as {@link ApiError}, so unknown routes are 404 JSON too.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
@Requires(env = RunStoreFactory.ENVIRONMENT)
class ApiErrorBodies implements JsonErrorResponseBodyProvider<String> {

  @Override
  public String body(ErrorContext context, HttpResponse<?> response) {
    String message =
        context.getErrors().stream().map(Error::getMessage).findFirst().orElse(response.reason());
    if (context.getRequest().getPath().startsWith("/v1/")) {
      return OpenAiErrorBodies.openAiBody(response.code(), message);
    }
    String field =
        context.getErrors().stream()
            .map(Error::getPath)
            .flatMap(java.util.Optional::stream)
            .findFirst()
            .orElse(null);
    return new ApiError(message, field).toJson();
  }
}
