package org.c2lab.web.server;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Objects;
import org.eclipse.jetty.ee10.proxy.AsyncProxyServlet;

/**
 * Forwards a request on the public port to the same path on Micronaut's loopback HTTP server. The
 * proxy streams bodies both ways with asynchronous I/O, so server-sent events arrive as they are
 * written, and adds {@code X-Forwarded-For/Proto/Host} and {@code Via}, so the backend sees the
 * real client.
 */
final class BackendProxyServlet extends AsyncProxyServlet {
  private final String backend;

  /**
   * @param backend the backend's root, e.g. {@code http://127.0.0.1:41234} (no trailing slash)
   */
  BackendProxyServlet(URI backend) {
    String root = Objects.requireNonNull(backend, "backend").toString();
    this.backend = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
  }

  @Override
  protected String rewriteTarget(HttpServletRequest request) {
    StringBuilder target = new StringBuilder(backend).append(request.getRequestURI());
    String query = request.getQueryString();
    if (query != null) {
      target.append('?').append(query);
    }
    return target.toString();
  }
}
