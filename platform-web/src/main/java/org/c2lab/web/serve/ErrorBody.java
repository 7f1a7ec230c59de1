package org.c2lab.web.serve;

/**
 * OpenAI's error response: {@code {"error": {"message", "type", "param", "code"}}}.
 *
 * @param error the error
 */
record ErrorBody(Detail error) {
  /** The error's fields; {@code param} and {@code code} may be null. */
  record Detail(String message, String type, String param, String code) {}

  static ErrorBody of(ApiException e) {
    return new ErrorBody(new Detail(e.getMessage(), e.type(), e.param(), e.code()));
  }

  /** The body for a failure the framework reports (no route, wrong method, body too large). */
  static ErrorBody ofStatus(int status, String message) {
    String type =
        status >= 500
            ? "server_error"
            : status == 404 ? "not_found_error" : "invalid_request_error";
    return new ErrorBody(new Detail(message, type, null, null));
  }
}
