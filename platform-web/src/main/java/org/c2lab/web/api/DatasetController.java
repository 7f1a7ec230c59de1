package org.c2lab.web.api;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.c2lab.web.account.Principal;
import org.c2lab.web.problem.Problem;
import org.c2lab.web.registry.DatasetRegistry;
import org.c2lab.web.registry.DatasetRow;
import org.c2lab.web.registry.DatasetView;
import org.c2lab.web.registry.RowPage;
import org.c2lab.web.store.RunStoreFactory;

/** The dataset registry: listing, registering a server file, uploading, browsing rows. */
@Controller("/api/datasets")
@Requires(env = RunStoreFactory.ENVIRONMENT)
@Requires(beans = DatasetRegistry.class)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "datasets")
class DatasetController {
  private final DatasetRegistry datasets;

  DatasetController(DatasetRegistry datasets) {
    this.datasets = datasets;
  }

  /** A file on the server to register. */
  @Serdeable
  record NewDataset(@Nullable String name, @Nullable String path) {}

  @Get
  @Operation(
      summary = "Registered datasets, with the demo and every *.jsonl under $C2_HOME/datasets")
  List<DatasetView> list(HttpRequest<?> request) {
    Access.principal(request);
    return datasets.list();
  }

  @Post(consumes = MediaType.APPLICATION_JSON)
  @Operation(summary = "Register a JSON Lines file on the server (validated)")
  HttpResponse<DatasetView> register(HttpRequest<?> request, @Body NewDataset body) {
    Principal who = Access.requireLaunch(request);
    return HttpResponse.created(datasets.registerPath(who, body.name(), body.path()));
  }

  @Post(consumes = MediaType.MULTIPART_FORM_DATA)
  @Operation(
      summary = "Upload a JSON Lines file (part 'file', optional part 'name')",
      description = "Stored under $C2_HOME/datasets after validation; over the limit: 413.")
  HttpResponse<DatasetView> upload(
      HttpRequest<?> request,
      @Part("file") CompletedFileUpload file,
      @Nullable @Part("name") String name) {
    Principal who = Access.requireLaunch(request);
    if (file.getSize() > datasets.maxUploadBytes()) {
      throw Problem.tooLarge(
          "file", "upload larger than the limit of " + datasets.maxUploadBytes() + " bytes");
    }
    try (InputStream in = file.getInputStream()) {
      return HttpResponse.created(datasets.upload(who, name, file.getFilename(), in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Get("/{id}")
  @Operation(summary = "One dataset: format, rows, size, SHA-256")
  DatasetView get(HttpRequest<?> request, @PathVariable String id) {
    Access.principal(request);
    return datasets.get(id);
  }

  @Get("/{id}/rows")
  @Operation(
      summary = "Parsed rows, paginated (limit 1..1000) and searchable (q: case-insensitive)",
      description =
          "C2-Syn pairs carry their rank structure, e.g. rank 1 (SR) > rank 4 (SYN3). Viewers get"
              + " harmful text (prompts, responses, chosen, rejected) as [hidden].")
  RowPage rows(
      HttpRequest<?> request,
      @PathVariable String id,
      @Nullable @QueryValue String q,
      @Nullable @QueryValue String offset,
      @Nullable @QueryValue String limit) {
    Principal who = Access.principal(request);
    RowPage page = datasets.rows(id, q, Paging.of(offset, limit));
    if (who.role().canReveal()) {
      return page;
    }
    return new RowPage(
        page.items().stream().map(DatasetRow::withHarmfulTextHidden).toList(),
        page.offset(),
        page.limit(),
        page.total(),
        page.query());
  }
}
