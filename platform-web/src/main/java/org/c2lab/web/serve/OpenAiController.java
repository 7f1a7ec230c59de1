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

/**
 * The OpenAI-compatible endpoints. Bodies are read as text and parsed by the services, so that
 * every malformed request gets OpenAI's error shape naming the field at fault, whatever its content
 * type. Present where models are served: {@code ./c2 model serve} and the lab server.
 */
@Controller("/v1")
@Requires(beans = ServedModels.class)
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
    return json(new Wire.ModelList("list", gate.cards()));
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
