package org.c2lab.web.serve;

import io.micronaut.http.HttpStatus;
import java.util.Objects;

/**
 * A request the server refuses, answered as OpenAI does: the HTTP status and {@code {"error":
 * {"message", "type", "param", "code"}}}.
 */
public final class ApiException extends RuntimeException {
  private final HttpStatus status;
  private final String type;
  private final String param;
  private final String code;

  ApiException(HttpStatus status, String type, String param, String code, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.status = Objects.requireNonNull(status, "status");
    this.type = Objects.requireNonNull(type, "type");
    this.param = param;
    this.code = code;
  }

  /** 400: the field {@code param} (null when no single field is at fault) is invalid. */
  static ApiException invalid(String param, String message) {
    return new ApiException(
        HttpStatus.BAD_REQUEST, "invalid_request_error", param, "invalid_value", message);
  }

  /** 404 for a model this server does not serve, with OpenAI's code. */
  static ApiException unknownModel(String model) {
    return new ApiException(
        HttpStatus.NOT_FOUND,
        "invalid_request_error",
        "model",
        "model_not_found",
        "The model `" + model + "` does not exist.");
  }

  /** 401 for a missing or wrong bearer token. */
  static ApiException unauthorized() {
    return new ApiException(
        HttpStatus.UNAUTHORIZED,
        "invalid_request_error",
        null,
        "invalid_api_key",
        "Missing or incorrect API key: send 'Authorization: Bearer <key>'.");
  }

  /** 503 when every generation slot is taken; clients retry. */
  static ApiException busy(int slots) {
    return new ApiException(
        HttpStatus.SERVICE_UNAVAILABLE,
        "server_busy",
        null,
        null,
        "The server is busy (" + slots + " requests in progress); retry shortly.");
  }

  /** The HTTP status. */
  public HttpStatus status() {
    return status;
  }

  /** OpenAI's error {@code type}, e.g. {@code invalid_request_error}. */
  public String type() {
    return type;
  }

  /** The offending request field, or null. */
  public String param() {
    return param;
  }

  /** A machine-readable code, or null. */
  public String code() {
    return code;
  }
}
