package org.c2lab.web.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP client for endpoint tests: status, headers and JSON body. */
final class Http {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Http() {}

  record Response(int status, HttpResponse<String> raw, JsonNode json) {
    JsonNode error() {
      return json.get("error");
    }
  }

  static Response get(URI uri, String... headers) throws IOException, InterruptedException {
    return send(request(uri, headers).GET().build());
  }

  static Response post(URI uri, String body, String... headers)
      throws IOException, InterruptedException {
    return send(
        request(uri, headers)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private static HttpRequest.Builder request(URI uri, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return b;
  }

  private static Response send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    JsonNode json = r.body().isEmpty() ? null : JSON.readTree(r.body());
    return new Response(r.statusCode(), r, json);
  }
}
