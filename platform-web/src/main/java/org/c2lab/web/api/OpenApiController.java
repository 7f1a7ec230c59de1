package org.c2lab.web.api;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.c2lab.web.store.RunStoreFactory;

/**
 * The OpenAPI document of the REST API, generated at compile time by micronaut-openapi into {@value
 * #RESOURCE} and served without a token.
 */
@Controller
@Requires(env = RunStoreFactory.ENVIRONMENT)
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
class OpenApiController {
  static final String YAML = "/api/openapi.yml";
  static final String YAML_ALIAS = "/api/openapi.yaml";

  /** Where the annotation processor writes the document (title and version of {@link ApiInfo}). */
  static final String RESOURCE = "META-INF/swagger/c2-lab-server-api-1.yml";

  private static final MediaType YAML_TYPE = MediaType.of("application/yaml");

  @Get(uris = {YAML, YAML_ALIAS})
  HttpResponse<String> document() {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return ApiError.respond(404, "the OpenAPI document was not generated", null);
      }
      return HttpResponse.ok(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .contentType(YAML_TYPE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
