package org.c2lab.web.api;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.c2lab.web.problem.Problem;
import org.c2lab.web.store.RunStoreFactory;

/** Answers a service's {@link Problem} with its status and an {@link ApiError} body. */
@Singleton
@Requires(env = RunStoreFactory.ENVIRONMENT)
class ProblemHandler implements ExceptionHandler<Problem, HttpResponse<String>> {
  @Override
  public HttpResponse<String> handle(HttpRequest request, Problem problem) {
    return ApiError.respond(problem);
  }
}
