package org.c2lab.web.runs.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import org.c2lab.core.store.NoSuchRunException;
import org.c2lab.core.store.Page;
import org.c2lab.core.store.PageRequest;
import org.c2lab.web.account.Principal;
import org.c2lab.web.runs.RunPermissionException;
import org.c2lab.web.runs.RunStateException;
import org.c2lab.web.runs.RunValidationException;
import org.c2lab.web.runs.RunView;

/**
 * What the {@code /api} controllers of runs and comparisons share: the principal, JSON bodies, and
 * errors as {@code {"message": ..., "field": ...}} with 400 (invalid input), 401 (no principal),
 * 403 (not allowed), 404 (no such run), 409 (wrong state).
 */
public final class Api {
  /** Jackson for request and response bodies. */
  public static final ObjectMapper JSON = new ObjectMapper();

  /** Most items a page of the API returns. */
  public static final int MAX_LIMIT = 1000;

  private Api() {}

  /** The authenticated principal of {@code request}; 401 without one. */
  public static Principal principal(HttpRequest<?> request) {
    return request
        .getAttribute(Principal.REQUEST_ATTRIBUTE, Principal.class)
        .orElseThrow(() -> new ApiProblem(401, "sign in or send an API token", null));
  }

  /** Runs {@code body}, turning the service's exceptions into JSON errors. */
  public static HttpResponse<String> respond(Supplier<HttpResponse<String>> body) {
    try {
      return body.get();
    } catch (ApiProblem e) {
      return error(e.status(), e.getMessage(), e.field());
    } catch (RunValidationException e) {
      return error(400, e.getMessage(), e.field());
    } catch (RunPermissionException e) {
      return error(403, e.getMessage(), null);
    } catch (NoSuchRunException e) {
      return error(404, "no run " + e.runId(), null);
    } catch (RunStateException e) {
      return error(409, e.getMessage(), null);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      return error(400, e.getMessage(), null);
    }
  }

  /** A JSON response. */
  public static HttpResponse<String> json(int status, JsonNode body) {
    return HttpResponse.<String>status(io.micronaut.http.HttpStatus.valueOf(status))
        .body(body.toString())
        .contentType(MediaType.APPLICATION_JSON_TYPE);
  }

  /** 200 with {@code body}. */
  public static HttpResponse<String> ok(JsonNode body) {
    return json(200, body);
  }

  /** An error body. */
  public static HttpResponse<String> error(int status, String message, String field) {
    ObjectNode o = JSON.createObjectNode();
    o.put("message", message == null ? "error" : message);
    o.put("field", field);
    return json(status, o);
  }

  /** The request body as a JSON object; 400 otherwise. */
  public static JsonNode body(String text) {
    try {
      JsonNode n = text == null || text.isBlank() ? null : JSON.readTree(text);
      if (n == null || !n.isObject()) {
        throw new ApiProblem(400, "the body must be a JSON object", null);
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new ApiProblem(400, "the body is not JSON: " + e.getOriginalMessage(), null);
    }
  }

  /** {@code offset} and {@code limit} query values checked: offset >= 0, 1 <= limit <= 1000. */
  public static PageRequest page(Long offset, Integer limit, int defaultLimit) {
    long o = offset == null ? 0 : offset;
    int l = limit == null ? defaultLimit : limit;
    if (o < 0) {
      throw new ApiProblem(400, "offset must be >= 0", "offset");
    }
    if (l < 1 || l > MAX_LIMIT) {
      throw new ApiProblem(400, "limit must be between 1 and " + MAX_LIMIT, "limit");
    }
    return new PageRequest(o, l);
  }

  /** {@code {"items": [...], "offset": n, "total": n}}. */
  public static ObjectNode page(Page<?> page, ArrayNode items) {
    ObjectNode o = JSON.createObjectNode();
    o.set("items", items);
    o.put("offset", page.offset());
    o.put("total", page.total());
    return o;
  }

  /** A run as the API shows it; times as ISO-8601 text, the ETA in seconds. */
  public static ObjectNode run(RunView v) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", v.id());
    o.put("kind", v.kind().id());
    o.put("name", v.name());
    o.put("owner", v.owner());
    o.put("status", v.status().name());
    o.put("priority", v.priority());
    o.put("lane", v.lane());
    o.set("params", JSON.valueToTree(v.params()));
    o.set("commandLine", JSON.valueToTree(v.commandLine()));
    o.put("done", v.done());
    o.put("total", v.total());
    if (v.eta() == null) {
      o.putNull("etaSeconds");
    } else {
      o.put("etaSeconds", v.eta().toSeconds());
    }
    o.put("message", v.message());
    o.put("createdAt", v.createdAt() == null ? null : v.createdAt().toString());
    o.put("startedAt", v.startedAt() == null ? null : v.startedAt().toString());
    o.put("finishedAt", v.finishedAt() == null ? null : v.finishedAt().toString());
    o.put("error", v.error());
    o.set("dependsOn", JSON.valueToTree(v.dependsOn()));
    return o;
  }
}
