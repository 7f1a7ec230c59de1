package org.c2lab.web.runs.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.SystemFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.c2lab.core.store.MetricPoint;
import org.c2lab.core.store.Page;
import org.c2lab.core.store.PageRequest;
import org.c2lab.core.store.SampleRecord;
import org.c2lab.web.account.Principal;
import org.c2lab.web.account.Role;
import org.c2lab.web.runs.ParameterSpec;
import org.c2lab.web.runs.RunKind;
import org.c2lab.web.runs.RunRequest;
import org.c2lab.web.runs.RunService;
import org.c2lab.web.runs.RunView;
import org.c2lab.web.store.RunStoreFactory;

/**
 * The runs REST API under {@code /api}: run kinds and their parameters, launching (researchers and
 * admins), listing, progress, cancelling and deleting (the owner or an admin), metrics, samples
 * (text fields hidden from viewers), log, and files. Every route needs the principal the token
 * filter puts on the request ({@link Principal#REQUEST_ATTRIBUTE}).
 */
@Controller("/api")
@Requires(env = RunStoreFactory.ENVIRONMENT)
@Requires(beans = RunService.class)
public class RunsController {
  /** Sample fields that hold request, prefix or model text: hidden from viewers. */
  static final Set<String> TEXT_FIELDS =
      Set.of(
          "request",
          "prompt",
          "prefix",
          "prefilled_text",
          "continuation",
          "rationale",
          "chosen",
          "rejected",
          "response",
          "text");

  private final RunService runs;

  public RunsController(RunService runs) {
    this.runs = runs;
  }

  /** The run kinds with their parameters. */
  @Get(uri = "/run-kinds", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> kinds(HttpRequest<?> request) {
    return Api.respond(
        () -> {
          Api.principal(request);
          ArrayNode kinds = Api.JSON.createArrayNode();
          for (RunKind kind : RunKind.values()) {
            ObjectNode k = kinds.addObject();
            k.put("id", kind.id());
            k.set("command", Api.JSON.valueToTree(kind.command()));
            ArrayNode params = k.putArray("parameters");
            for (ParameterSpec p : runs.parameters(kind)) {
              ObjectNode o = params.addObject();
              o.put("name", p.name());
              o.put("type", p.type().name());
              o.put("required", p.required());
              o.put("defaultValue", p.defaultValue());
              o.put("help", p.help());
              o.set("choices", Api.JSON.valueToTree(p.choices()));
            }
          }
          return Api.ok(kinds);
        });
  }

  /** Queues a run: {@code {kind, name, params, priority, dependsOn}}; 201 with the run. */
  @Post(uri = "/runs", produces = MediaType.APPLICATION_JSON)
  @Consumes(MediaType.APPLICATION_JSON)
  public HttpResponse<String> submit(HttpRequest<?> request, @Nullable @Body String body) {
    return Api.respond(
        () -> {
          Principal who = Api.principal(request);
          JsonNode b = Api.body(body);
          if (!b.path("kind").isTextual()) {
            throw new ApiProblem(400, "kind: required (c2-eval, c2-syn, sft, dpo)", "kind");
          }
          RunKind kind;
          try {
            kind = RunKind.fromId(b.get("kind").asText());
          } catch (IllegalArgumentException e) {
            throw new ApiProblem(400, e.getMessage(), "kind");
          }
          Map<String, String> params = new LinkedHashMap<>();
          JsonNode p = b.path("params");
          if (!p.isMissingNode() && !p.isObject()) {
            throw new ApiProblem(400, "params: expected an object", "params");
          }
          for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
              throw new ApiProblem(
                  400, e.getKey() + ": expected a text, number or boolean", e.getKey());
            }
            params.put(e.getKey(), e.getValue().asText());
          }
          JsonNode priority = b.path("priority");
          if (!priority.isMissingNode() && !priority.isInt()) {
            throw new ApiProblem(400, "priority: expected a whole number", "priority");
          }
          List<String> dependsOn = new ArrayList<>();
          for (JsonNode d : b.path("dependsOn")) {
            dependsOn.add(d.asText());
          }
          RunRequest r =
              new RunRequest(kind, b.path("name").asText(""), params, priority.asInt(0), dependsOn);
          return Api.json(201, Api.run(runs.submit(r, who)));
        });
  }

  /** Runs, newest first. */
  @Get(uri = "/runs", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> list(
      HttpRequest<?> request,
      @Nullable @QueryValue Long offset,
      @Nullable @QueryValue Integer limit) {
    return Api.respond(
        () -> {
          Api.principal(request);
          Page<RunView> page = runs.list(Api.page(offset, limit, 50));
          ArrayNode items = Api.JSON.createArrayNode();
          page.items().forEach(v -> items.add(Api.run(v)));
          return Api.ok(Api.page(page, items));
        });
  }

  /** One run. */
  @Get(uri = "/runs/{id}", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> get(HttpRequest<?> request, @PathVariable String id) {
    return Api.respond(
        () -> {
          Api.principal(request);
          return Api.ok(Api.run(runs.get(id).orElseThrow(() -> notFound(id))));
        });
  }

  /** Cancels a queued or running run (its owner or an admin). */
  @Post(uri = "/runs/{id}/cancel", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> cancel(HttpRequest<?> request, @PathVariable String id) {
    return Api.respond(() -> Api.ok(Api.run(runs.cancel(id, Api.principal(request)))));
  }

  /** Deletes a finished run with its files (its owner or an admin); 204. */
  @Delete(uri = "/runs/{id}", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> delete(HttpRequest<?> request, @PathVariable String id) {
    return Api.respond(
        () -> {
          runs.delete(id, Api.principal(request));
          return HttpResponse.noContent();
        });
  }

  /** The run's metric points in append order, optionally of one name. */
  @Get(uri = "/runs/{id}/metrics", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> metrics(
      HttpRequest<?> request, @PathVariable String id, @Nullable @QueryValue String name) {
    return Api.respond(
        () -> {
          Api.principal(request);
          ArrayNode items = Api.JSON.createArrayNode();
          for (MetricPoint m : runs.metrics(id)) {
            if (name == null || name.equals(m.name())) {
              ObjectNode o = items.addObject();
              o.put("step", m.step());
              o.put("name", m.name());
              o.put("value", m.value());
              o.put("time", m.time().toString());
            }
          }
          return Api.ok(items);
        });
  }

  /**
   * The run's samples, a page at a time; {@code k} and {@code verdict} ({@code corrected} or {@code
   * not-corrected}) filter C2-Eval samples. Viewers get the text fields hidden.
   */
  @Get(uri = "/runs/{id}/samples", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> samples(
      HttpRequest<?> request,
      @PathVariable String id,
      @Nullable @QueryValue Long offset,
      @Nullable @QueryValue Integer limit,
      @Nullable @QueryValue Integer k,
      @Nullable @QueryValue String verdict) {
    return Api.respond(
        () -> {
          Principal who = Api.principal(request);
          PageRequest page = Api.page(offset, limit, 100);
          if (verdict != null && !verdict.equals("corrected") && !verdict.equals("not-corrected")) {
            throw new ApiProblem(400, "verdict: corrected or not-corrected", "verdict");
          }
          Page<SampleRecord> result =
              k == null && verdict == null
                  ? runs.samples(id, page)
                  : SampleFilter.page(runs, id, page, k, verdict);
          ArrayNode items = Api.JSON.createArrayNode();
          for (SampleRecord s : result.items()) {
            ObjectNode o = items.addObject();
            o.put("key", s.key());
            o.set("record", redacted(s.json(), who));
          }
          return Api.ok(Api.page(result, items));
        });
  }

  private static JsonNode redacted(String json, Principal who) {
    JsonNode n;
    try {
      n = Api.JSON.readTree(json);
    } catch (IOException e) {
      return Api.JSON.getNodeFactory().textNode(json);
    }
    if (who.role() == Role.VIEWER && n instanceof ObjectNode o) {
      for (String f : TEXT_FIELDS) {
        if (o.has(f)) {
          o.put(f, "[hidden]");
        }
      }
    }
    return n;
  }

  /** The last {@code lines} lines of the run's log (default 200, at most 10,000). */
  @Get(uri = "/runs/{id}/log", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> log(
      HttpRequest<?> request, @PathVariable String id, @Nullable @QueryValue Integer lines) {
    return Api.respond(
        () -> {
          Api.principal(request);
          int n = lines == null ? 200 : lines;
          if (n < 1 || n > 10_000) {
            throw new ApiProblem(400, "lines must be between 1 and 10000", "lines");
          }
          return Api.ok(Api.JSON.valueToTree(runs.log(id, n)));
        });
  }

  /** The run's files, relative to its folder, with their sizes. */
  @Get(uri = "/runs/{id}/files", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> files(HttpRequest<?> request, @PathVariable String id) {
    return Api.respond(
        () -> {
          Api.principal(request);
          Path dir = runs.directory(id);
          ArrayNode items = Api.JSON.createArrayNode();
          for (Path p : runs.files(id)) {
            ObjectNode o = items.addObject();
            o.put("path", p.toString().replace('\\', '/'));
            try {
              o.put("size", Files.size(dir.resolve(p)));
            } catch (IOException e) {
              o.putNull("size");
            }
          }
          return Api.ok(items);
        });
  }

  /**
   * Downloads one of the run's files, {@code path} as {@code GET /api/runs/{id}/files} lists it;
   * paths leaving the run's folder are refused.
   */
  @Get(uri = "/runs/{id}/file{?path}")
  public HttpResponse<?> file(
      HttpRequest<?> request, @PathVariable String id, @QueryValue String path) {
    Path[] file = new Path[1];
    HttpResponse<String> refused =
        Api.respond(
            () -> {
              Api.principal(request);
              file[0] = RunFiles.resolve(runs.directory(id), path);
              return null; // no error
            });
    if (refused != null) {
      return refused;
    }
    return HttpResponse.ok(
        new SystemFile(file[0].toFile()).attach(file[0].getFileName().toString()));
  }

  private static ApiProblem notFound(String id) {
    return new ApiProblem(404, "no run " + id, null);
  }
}
