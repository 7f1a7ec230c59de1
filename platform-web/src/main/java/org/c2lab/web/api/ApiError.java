package org.c2lab.web.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import org.c2lab.web.problem.Problem;

/**
 * The REST API's error body, {@code {"message": "...", "field": "..."}}: {@code field} names the
 * request field or parameter at fault for a 400 (and a taken name for a 409), else it is {@code
 * null} (always written).
 *
 * @param message what went wrong, for people
 * @param field the field at fault, or null
 */
public record ApiError(String message, String field) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The body as JSON text. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an error body", e);
    }
  }

  /** A JSON error response with this status. */
  public static HttpResponse<String> respond(int status, String message, String field) {
    return HttpResponse.<String>status(io.micronaut.http.HttpStatus.valueOf(status))
        .body(new ApiError(message, field).toJson())
        .contentType(MediaType.APPLICATION_JSON_TYPE);
  }

  /** The response for a service's refusal. */
  public static HttpResponse<String> respond(Problem problem) {
    return respond(problem.kind().status(), problem.getMessage(), problem.field());
  }
}
