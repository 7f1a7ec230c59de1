package org.c2lab.web.serve;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import org.c2lab.web.backend.ModelHandle;

/**
 * The OpenAI-compatible endpoints. Bodies are read as text and parsed by the services, so that
 * every malformed request gets OpenAI's error shape naming the field at fault, whatever its content
 * type. Present only where a model is served.
 */
@Controller("/v1")
@Requires(beans = ModelHandle.class)
@ExecuteOn(TaskExecutors.BLOCKING) // generation blocks: keep it off the event loop
class OpenAiController {
  private final ModelGate gate;
  private final CompletionsService completions;
  private final ChatCompletionsService chat;

  OpenAiController(ModelGate gate, CompletionsService completions, ChatCompletionsService chat) {
    this.gate = gate;
    this.completions = completions;
    this.chat = chat;
  }

  @Get("/models")
  HttpResponse<String> models() {
    ModelHandle served = gate.served();
    Wire.ModelCard card =
        new Wire.ModelCard(
            served.name(), "model", Wire.now(), "c2", served.model().capabilities().maxContext());
    return json(new Wire.ModelList("list", List.of(card)));
  }

  @Post("/completions")
  @Consumes(MediaType.ALL)
  HttpResponse<String> completions(@Body String body) {
    return json(completions.complete(body));
  }

  @Post("/chat/completions")
  @Consumes(MediaType.ALL)
  HttpResponse<String> chatCompletions(@Body String body) {
    return json(chat.complete(body));
  }

  static HttpResponse<String> json(Object value) {
    return HttpResponse.ok(Wire.write(value)).contentType(MediaType.APPLICATION_JSON_TYPE);
  }
}
