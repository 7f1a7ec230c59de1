package org.c2lab.web.api;

import io.micronaut.http.HttpRequest;
import org.c2lab.web.account.Principal;
import org.c2lab.web.problem.Problem;

/**
 * Who is calling and what they may do, for controllers under {@code /api}: the principal the
 * authentication filter ({@link ApiAuthFilter}) put on the request. Each check throws a {@link
 * Problem}, which the REST layer answers as 401 or 403 JSON.
 *
 * <pre>{@code
 * @Post("/api/runs")
 * RunView launch(HttpRequest<?> request, @Body RunRequest body) {
 *   Principal who = Access.requireLaunch(request);
 *   ...
 * }
 * }</pre>
 */
public final class Access {
  private Access() {}

  /** The authenticated caller; 401 when there is none (a route the filter lets through). */
  public static Principal principal(HttpRequest<?> request) {
    return request
        .getAttribute(Principal.REQUEST_ATTRIBUTE, Principal.class)
        .orElseThrow(() -> Problem.unauthorized("sign in first: Authorization: Bearer c2_..."));
  }

  /** The caller if they may launch runs and register models and datasets; else 403. */
  public static Principal requireLaunch(HttpRequest<?> request) {
    Principal who = principal(request);
    if (!who.role().canLaunch()) {
      throw Problem.forbidden(
          "viewers cannot change anything; ask an admin for the researcher role");
    }
    return who;
  }

  /** The caller if they may reveal harmful text; else 403. */
  public static Principal requireReveal(HttpRequest<?> request) {
    Principal who = principal(request);
    if (!who.role().canReveal()) {
      throw Problem.forbidden("viewers cannot reveal harmful text");
    }
    return who;
  }

  /** The caller if they are an admin; else 403. */
  public static Principal requireAdmin(HttpRequest<?> request) {
    Principal who = principal(request);
    if (!who.role().canAdminister()) {
      throw Problem.forbidden("admins only");
    }
    return who;
  }
}
