package org.c2lab.web.serve;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;

/**
 * Errors the framework answers by itself (no such route, wrong method, body too large, a failure
 * outside our code) in OpenAI's shape too, so clients parse one error format.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
@Requires(notEnv = "server") // the lab server's provider writes these for /v1 (openAiBody)
public class OpenAiErrorBodies implements JsonErrorResponseBodyProvider<String> {

  @Override
  public String body(ErrorContext context, HttpResponse<?> response) {
    String message =
        context.getErrors().stream().map(Error::getMessage).findFirst().orElse(response.reason());
    return openAiBody(response.code(), message);
  }

  /**
   * OpenAI's error body for a failure with this status, for servers that answer {@code /v1} next to
   * other routes (the lab server).
   */
  public static String openAiBody(int status, String message) {
    return Wire.write(ErrorBody.ofStatus(status, message));
  }
}
