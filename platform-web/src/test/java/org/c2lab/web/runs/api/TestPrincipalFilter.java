package org.c2lab.web.runs.api;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.c2lab.web.account.Principal;
import org.c2lab.web.account.Role;

/**
 * Puts the principal named by the test header {@code X-Test-User: NAME:ROLE} on the request, as the
 * server's token filter does for a real token (tests only, with {@code c2.test.audit=memory}).
 */
@ServerFilter("/api/**")
@Requires(property = "c2.test.audit", value = "memory")
public class TestPrincipalFilter {
  /** The test header. */
  public static final String HEADER = "X-Test-User";

  @RequestFilter
  public void principal(HttpRequest<?> request) {
    String user = request.getHeaders().get(HEADER);
    if (user != null) {
      String[] parts = user.split(":", 2);
      request.setAttribute(
          Principal.REQUEST_ATTRIBUTE, new Principal(parts[0], Role.valueOf(parts[1])));
    }
  }
}
