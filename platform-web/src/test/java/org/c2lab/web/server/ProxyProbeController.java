package org.c2lab.web.server;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * A backend endpoint for the proxy's tests: echoes what arrived (path, query, forwarded headers,
 * body) and streams server-sent events with pauses. Only in the {@value #ENVIRONMENT} environment.
 */
@Controller("/api/probe")
@Requires(env = ProxyProbeController.ENVIRONMENT)
public class ProxyProbeController {
  static final String ENVIRONMENT = "proxy-test";

  @Get("/echo")
  Map<String, String> echo(HttpRequest<?> request) {
    return seen(request, "");
  }

  @Post(value = "/echo", consumes = MediaType.TEXT_PLAIN)
  Map<String, String> echoBody(HttpRequest<?> request, @Body String body) {
    return seen(request, body);
  }

  @Get(value = "/events", produces = MediaType.TEXT_EVENT_STREAM)
  Publisher<Event<String>> events(@QueryValue int count, @QueryValue long pauseMs) {
    return Flux.interval(Duration.ofMillis(pauseMs)).take(count).map(i -> Event.of("tick " + i));
  }

  private static Map<String, String> seen(HttpRequest<?> request, String body) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("path", request.getPath());
    m.put("query", request.getUri().getRawQuery() == null ? "" : request.getUri().getRawQuery());
    for (String h : new String[] {"X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host"}) {
      m.put(h.toLowerCase(), request.getHeaders().get(h, String.class).orElse(""));
    }
    m.put("body", body);
    return m;
  }
}
