package org.c2lab.web.serve;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.c2lab.core.model.Generation;
import org.c2lab.core.model.GenerationRequest;
import org.c2lab.web.backend.ModelHandle;

/**
 * {@code /v1/completions}: every prompt of the request goes to the model in one batch, {@code n}
 * samples each, choice {@code i * n + j} being sample {@code j} of prompt {@code i} (OpenAI's
 * order).
 */
@Singleton
class CompletionsService {
  private final ModelGate gate;

  CompletionsService(ModelGate gate) {
    this.gate = gate;
  }

  Wire.CompletionResponse complete(String body) {
    CompletionRequest request = CompletionRequest.parse(body);
    ModelHandle handle = gate.model(request.model());
    if (request.logprobs()) {
      TokenLogprobs.requireSupported(handle);
    }
    return gate.run(() -> generate(handle, request));
  }

  private static Wire.CompletionResponse generate(ModelHandle handle, CompletionRequest request) {
    Sampling sampling = request.sampling();
    List<EncodedPrompt> prompts =
        request.prompts().stream()
            .map(p -> EncodedPrompt.of(handle, p, request.addSpecialTokens()))
            .toList();
    if (request.echo()
        && handle.tokenizer().isEmpty()
        && prompts.stream().anyMatch(p -> p.text() == null)) {
      throw ApiException.invalid(
          "echo", "'echo' of a token-id prompt needs the model's tokenizer, which is not loaded");
    }
    List<GenerationRequest> batch =
        prompts.stream()
            .map(
                p ->
                    new GenerationRequest(
                        p.forModel(), sampling.params(), sampling.n(), sampling.seeds()))
            .toList();
    List<List<Generation>> out = handle.model().generate(batch);

    List<Wire.CompletionChoice> choices = new ArrayList<>();
    Integer promptTokens = 0;
    Integer completionTokens = 0;
    for (int i = 0; i < prompts.size(); i++) {
      EncodedPrompt prompt = prompts.get(i);
      List<Generation> samples = out.get(i);
      promptTokens = add(promptTokens, prompt.tokenCount(samples.get(0).timing().promptTokens()));
      for (Generation g : samples) {
        completionTokens = add(completionTokens, known(g.timing().generatedTokens()));
        Wire.Logprobs logprobs =
            request.logprobs()
                ? TokenLogprobs.of(
                    handle,
                    prompt,
                    g,
                    sampling.params(),
                    request.echo(),
                    request.tokenIdsAsTokens())
                : null;
        String text = request.echo() ? prompt.text(handle) + g.text() : g.text();
        choices.add(
            new Wire.CompletionChoice(
                choices.size(), text, logprobs, Wire.finishReason(g.finishReason())));
      }
    }
    return new Wire.CompletionResponse(
        Wire.id("cmpl"),
        "text_completion",
        Wire.now(),
        handle.name(),
        choices,
        Wire.Usage.of(promptTokens, completionTokens));
  }

  /** A count the model reported, or null. */
  static Integer known(int count) {
    return count == Generation.Timing.UNKNOWN ? null : count;
  }

  /** A sum that stays unknown once one term is. */
  static Integer add(Integer sum, Integer term) {
    return sum == null || term == null ? null : sum + term;
  }
}
