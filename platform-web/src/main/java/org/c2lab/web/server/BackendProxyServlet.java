package org.c2lab.web.server;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.Objects;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.ee10.proxy.ProxyServlet;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.Callback;

/**
 * Forwards a request on the public port to the same path on Micronaut's loopback HTTP server,
 * streaming bodies both ways. Server-sent events ({@code text/event-stream}) are flushed chunk by
 * chunk, so each event reaches the client when the backend writes it (Jetty's proxy servlets would
 * otherwise hold them in the response buffer). The backend sees the client through {@code
 * X-Forwarded-For/Proto/Host} (appended to any a proxy in front sent) besides Jetty's own {@code
 * Forwarded} and {@code Via}.
 */
final class BackendProxyServlet extends ProxyServlet {
  private final String backend;

  /**
   * @param backend the backend's root, e.g. {@code http://127.0.0.1:41234}
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

  @Override
  protected void addProxyHeaders(HttpServletRequest clientRequest, Request proxyRequest) {
    super.addProxyHeaders(clientRequest, proxyRequest);
    String host = clientRequest.getHeader("Host");
    if (host == null) {
      host = clientRequest.getServerName() + ":" + clientRequest.getServerPort();
    }
    String forwardedHost = host;
    String forwardedFor =
        append(clientRequest.getHeader("X-Forwarded-For"), clientRequest.getRemoteAddr());
    proxyRequest.headers(
        h -> {
          h.put(HttpHeader.X_FORWARDED_FOR, forwardedFor);
          h.put(HttpHeader.X_FORWARDED_PROTO, clientRequest.getScheme());
          h.put(HttpHeader.X_FORWARDED_HOST, forwardedHost);
        });
  }

  private static String append(String earlier, String hop) {
    return earlier == null || earlier.isBlank() ? hop : earlier + ", " + hop;
  }

  @Override
  protected void onResponseContent(
      HttpServletRequest request,
      HttpServletResponse response,
      Response proxyResponse,
      byte[] buffer,
      int offset,
      int length,
      Callback callback) {
    try {
      ServletOutputStream out = response.getOutputStream();
      out.write(buffer, offset, length);
      String type = response.getContentType();
      if (type != null && type.startsWith("text/event-stream")) {
        out.flush();
      }
      callback.succeeded();
    } catch (Throwable failure) {
      callback.failed(failure);
    }
  }
}
