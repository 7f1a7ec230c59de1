package org.c2lab.web.api;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.c2lab.core.store.PageRequest;
import org.c2lab.web.account.AuditLog;
import org.c2lab.web.problem.Problem;
import org.c2lab.web.store.RunStoreFactory;

/** The audit log (admins) and recording reveals of harmful text. */
@Controller("/api/audit")
@Requires(env = RunStoreFactory.ENVIRONMENT)
@Requires(beans = AuditLog.class)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "audit")
class AuditController {
  /** The action a reveal is recorded under. */
  static final String REVEAL = "reveal";

  private final AuditLog audit;

  AuditController(AuditLog audit) {
    this.audit = audit;
  }

  /** One audit entry. */
  @Serdeable
  record Entry(Instant at, String actor, String action, String target, String detail) {}

  /** What harmful text was revealed, e.g. {@code run c2eval-1 sample 17}. */
  @Serdeable
  record Reveal(@Nullable String target, @Nullable String detail) {}

  @Get
  @Operation(summary = "Audit entries, newest first (admins); limit 1..1000")
  PageView<Entry> list(
      HttpRequest<?> request,
      @Nullable @QueryValue String offset,
      @Nullable @QueryValue String limit) {
    Access.requireAdmin(request);
    PageRequest page = Paging.of(offset, limit);
    return PageView.of(
        audit.list(page),
        page.limit(),
        e -> new Entry(e.at(), e.actor(), e.action(), e.target(), e.detail()));
  }

  @Post("/reveal")
  @Operation(summary = "Record that the caller revealed harmful text (researchers and admins)")
  HttpResponse<Void> reveal(HttpRequest<?> request, @Body Reveal body) {
    var who = Access.requireReveal(request);
    if (body.target() == null || body.target().isBlank()) {
      throw Problem.invalid("target", "missing");
    }
    if (body.target().length() > 512) {
      throw Problem.invalid("target", "must be at most 512 characters");
    }
    audit.record(who, REVEAL, body.target().strip(), body.detail());
    return HttpResponse.noContent();
  }
}
