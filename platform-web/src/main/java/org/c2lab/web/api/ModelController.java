package org.c2lab.web.api;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.c2lab.web.account.Principal;
import org.c2lab.web.problem.Problem;
import org.c2lab.web.registry.ModelRegistry;
import org.c2lab.web.registry.ModelTestResult;
import org.c2lab.web.registry.ModelView;
import org.c2lab.web.registry.PresetView;
import org.c2lab.web.store.RunStoreFactory;

/** The model registry and the ten presets. */
@Controller
@Requires(env = RunStoreFactory.ENVIRONMENT)
@Requires(beans = ModelRegistry.class)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "models")
class ModelController {
  private final ModelRegistry models;

  ModelController(ModelRegistry models) {
    this.models = models;
  }

  /**
   * A model to register: a local folder ({@code path}) or a preset at an endpoint ({@code
   * presetId}, {@code url}, optional {@code servedName} and {@code apiKey}).
   */
  @Serdeable
  record NewModel(
      @Nullable String name,
      @Nullable String path,
      @Nullable String presetId,
      @Nullable String url,
      @Nullable String servedName,
      @Nullable String apiKey) {}

  @Get("/api/presets")
  @Operation(summary = "The paper's ten model presets with their registered endpoints")
  List<PresetView> presets(HttpRequest<?> request) {
    Access.principal(request);
    return models.presets();
  }

  @Get("/api/models")
  @Operation(summary = "Registered models, with every folder under $C2_HOME/models")
  List<ModelView> list(HttpRequest<?> request) {
    Access.principal(request);
    return models.list();
  }

  @Get("/api/models/{id}")
  @Operation(summary = "One model; hashStatus is 'hashing' until its files are hashed")
  ModelView get(HttpRequest<?> request, @PathVariable String id) {
    Access.principal(request);
    return models.get(id);
  }

  @Post("/api/models")
  @Operation(summary = "Register a local folder (path) or a preset endpoint (presetId, url)")
  HttpResponse<ModelView> register(HttpRequest<?> request, @Body NewModel body) {
    Principal who = Access.requireLaunch(request);
    boolean local = body.path() != null && !body.path().isBlank();
    boolean remote = body.presetId() != null || body.url() != null;
    if (local == remote) {
      throw Problem.invalid(
          "path", "give either path (a local folder) or presetId and url (an endpoint)");
    }
    return HttpResponse.created(
        local
            ? models.registerLocal(who, body.name(), body.path())
            : models.registerRemote(
                who, body.name(), body.presetId(), body.url(), body.servedName(), body.apiKey()));
  }

  @Post("/api/models/{id}/test")
  @Operation(summary = "Open the model and generate one short continuation of a mild prompt")
  ModelTestResult test(HttpRequest<?> request, @PathVariable String id) {
    return models.test(Access.requireLaunch(request), id);
  }

  @Delete("/api/models/{id}")
  @Operation(summary = "Unregister a model (its files stay)")
  HttpResponse<Void> delete(HttpRequest<?> request, @PathVariable String id) {
    models.delete(Access.requireLaunch(request), id);
    return HttpResponse.noContent();
  }
}
