package org.c2lab.web.compare;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import java.util.ArrayList;
import java.util.List;
import org.c2lab.web.runs.api.Api;
import org.c2lab.web.runs.api.ApiProblem;
import org.c2lab.web.store.RunStoreFactory;

/**
 * {@code POST /api/comparisons} ({@code {"runIds": [...]}}) and {@code GET
 * /api/comparisons/presets/llama2-vs-qwen2-dpo}; any signed-in user may read them.
 */
@Controller("/api/comparisons")
@Requires(env = RunStoreFactory.ENVIRONMENT)
@Requires(beans = ComparisonService.class)
public class ComparisonsController {
  private final ComparisonService comparisons;

  public ComparisonsController(ComparisonService comparisons) {
    this.comparisons = comparisons;
  }

  /** Compares the runs named in the body. */
  @Post(produces = MediaType.APPLICATION_JSON)
  @Consumes(MediaType.APPLICATION_JSON)
  public HttpResponse<String> compare(HttpRequest<?> request, @Nullable @Body String body) {
    return Api.respond(
        () -> {
          Api.principal(request);
          JsonNode ids = Api.body(body).path("runIds");
          if (!ids.isArray()) {
            throw new ApiProblem(400, "runIds: expected an array of run ids", "runIds");
          }
          List<String> runIds = new ArrayList<>();
          ids.forEach(n -> runIds.add(n.asText()));
          return Api.ok(Api.JSON.valueToTree(comparisons.compare(runIds)));
        });
  }

  /** The preset "Llama2 vs Qwen2, before and after DPO": slots found, missing, compared. */
  @Get(
      uri = "/presets/" + ComparisonService.LLAMA2_VS_QWEN2_DPO,
      produces = MediaType.APPLICATION_JSON)
  public HttpResponse<String> llama2VsQwen2Dpo(HttpRequest<?> request) {
    return Api.respond(
        () -> {
          Api.principal(request);
          return Api.ok(Api.JSON.valueToTree(comparisons.llama2VsQwen2Dpo()));
        });
  }
}
