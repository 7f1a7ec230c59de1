package org.c2lab.web.api;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.c2lab.web.runs.RunValidationException;
import org.c2lab.web.store.RunStoreFactory;

/** A run request the run service refused: 400 naming the parameter. */
@Singleton
@Requires(env = RunStoreFactory.ENVIRONMENT)
class RunValidationHandler
    implements ExceptionHandler<RunValidationException, HttpResponse<String>> {
  @Override
  public HttpResponse<String> handle(HttpRequest request, RunValidationException e) {
    return ApiError.respond(400, e.getMessage(), e.field());
  }
}
