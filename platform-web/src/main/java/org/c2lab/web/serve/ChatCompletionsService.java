package org.c2lab.web.serve;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.c2lab.core.model.Generation;
import org.c2lab.core.model.GenerationRequest;
import org.c2lab.core.model.Prompt;
import org.c2lab.core.template.ChatTemplate;
import org.c2lab.core.template.ChatTemplateException;
import org.c2lab.core.template.jinja.TemplateException;
import org.c2lab.web.backend.ModelHandle;

/**
 * {@code /v1/chat/completions}: the chat is rendered with the served model's chat template, here
 * rather than by the model, then completed like a raw prompt. With {@code continue_final_message}
 * the prompt is exactly {@link ChatTemplate#renderContinuation}: the assistant's final message
 * stays open and the model continues it (a C2-Eval prefill).
 */
@Singleton
class ChatCompletionsService {
  private final ModelGate gate;

  ChatCompletionsService(ModelGate gate) {
    this.gate = gate;
  }

  Wire.ChatResponse complete(String body) {
    ChatRequest request = ChatRequest.parse(body);
    ModelHandle handle = gate.model(request.model());
    String rendered = render(handle, request);
    return gate.run(() -> generate(handle, request, rendered));
  }

  /** The prompt text of the chat, as transformers' {@code apply_chat_template} would give it. */
  static String render(ModelHandle handle, ChatRequest request) {
    ChatTemplate template =
        handle
            .chatTemplate()
            .orElseThrow(
                () ->
                    ApiException.invalid(
                        "messages",
                        "model '"
                            + handle.name()
                            + "' has no chat template (none in its tokenizer_config.json); start"
                            + " the server with --template PRESET, or use /v1/completions"));
    try {
      return request.continueFinalMessage()
          ? template.renderContinuation(request.messages())
          : template.render(request.messages(), request.addGenerationPrompt());
    } catch (ChatTemplateException | TemplateException | IllegalArgumentException e) {
      throw ApiException.invalid(
          "messages", "chat template '" + template.id() + "': " + e.getMessage());
    }
  }

  private static Wire.ChatResponse generate(
      ModelHandle handle, ChatRequest request, String rendered) {
    Sampling sampling = request.sampling();
    EncodedPrompt prompt =
        EncodedPrompt.of(handle, Prompt.text(rendered), request.addSpecialTokens());
    GenerationRequest g =
        new GenerationRequest(prompt.forModel(), sampling.params(), sampling.n(), sampling.seeds());
    List<Generation> samples = handle.model().generate(List.of(g)).get(0);

    List<Wire.ChatChoice> choices = new ArrayList<>(samples.size());
    Integer completionTokens = 0;
    for (Generation s : samples) {
      completionTokens =
          CompletionsService.add(
              completionTokens, CompletionsService.known(s.timing().generatedTokens()));
      choices.add(
          new Wire.ChatChoice(
              choices.size(),
              new Wire.Message("assistant", s.text()),
              null,
              Wire.finishReason(s.finishReason())));
    }
    Integer promptTokens = prompt.tokenCount(samples.get(0).timing().promptTokens());
    return new Wire.ChatResponse(
        Wire.id("chatcmpl"),
        "chat.completion",
        Wire.now(),
        handle.name(),
        choices,
        Wire.Usage.of(promptTokens, completionTokens));
  }
}
