package org.c2lab.web.serve;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Writes an {@link ApiException} as OpenAI's error body with its status. */
@Singleton
@Requires(classes = ApiException.class)
class ApiExceptionHandler implements ExceptionHandler<ApiException, HttpResponse<String>> {

  @Override
  public HttpResponse<String> handle(HttpRequest request, ApiException e) {
    return respond(e);
  }

  static HttpResponse<String> respond(ApiException e) {
    MutableHttpResponse<String> response =
        HttpResponse.<String>status(e.status())
            .body(Wire.write(ErrorBody.of(e)))
            .contentType(MediaType.APPLICATION_JSON_TYPE);
    if (e.status() == HttpStatus.SERVICE_UNAVAILABLE) {
      response.header(HttpHeaders.RETRY_AFTER, "1");
    }
    return response;
  }
}
