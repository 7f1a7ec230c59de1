package org.c2lab.eval.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.c2lab.core.model.Generation;
import org.c2lab.core.model.Score;
import org.c2lab.core.model.ScoreRequest;
import org.c2lab.core.model.TextPrompt;
import org.c2lab.core.model.TokenPrompt;

/**
 * Scores continuations through {@code /v1/completions} with {@code echo: true, logprobs: 1,
 * max_tokens: 1}: the server returns the log-probability of every prompt token, and the
 * continuation's are the last ones before the one generated token (which is ignored). {@code
 * max_tokens: 1} rather than 0 because vLLM, the main server with echo, rejects 0.
 *
 * <p>Token prompts are exact. For text, the server's tokenizer decides the token boundaries: the
 * continuation's tokens are those ending after the prompt/continuation boundary, located by the
 * tokens' character offsets counted back from the end of the echoed text (robust to a BOS token the
 * server adds in front); a token straddling the boundary counts to the continuation.
 */
final class EchoScorer {
  private final OpenAiHttp http;

  EchoScorer(OpenAiHttp http) {
    this.http = http;
  }

  Score score(ScoreRequest request) {
    ObjectNode body = http.newBody();
    int continuationLength;
    if (request.prompt() instanceof TokenPrompt p) {
      TokenPrompt c = (TokenPrompt) request.continuation();
      ArrayNode ids = body.putArray("prompt");
      for (int id : p.tokenIds()) {
        ids.add(id);
      }
      for (int id : c.tokenIds()) {
        ids.add(id);
      }
      continuationLength = c.length();
    } else {
      String prompt = ((TextPrompt) request.prompt()).text();
      String continuation = ((TextPrompt) request.continuation()).text();
      body.put("prompt", prompt + continuation);
      continuationLength = continuation.length();
    }
    body.put("echo", true).put("logprobs", 1).put("max_tokens", 1).put("temperature", 0.0);
    if (http.config().addSpecialTokens() != null) {
      body.put("add_special_tokens", http.config().addSpecialTokens());
    }
    String what = "POST " + http.config().endpoint("completions") + " (scoring)";
    JsonNode response = http.post("completions", body);
    JsonNode logprobs = Completion.firstChoice(response, what).path("logprobs");
    JsonNode values = logprobs.path("token_logprobs");
    int generated = Completion.usage(response, "completion_tokens");
    if (!values.isArray() || generated == Generation.Timing.UNKNOWN) {
      throw new OpenAiException(
          what
              + ": the server returned no prompt log-probabilities or no usage; it does not"
              + " support scoring (set scoring(false))",
          200,
          1,
          null);
    }
    int echoed = values.size() - generated;
    int first =
        request.prompt() instanceof TokenPrompt
            ? echoed - continuationLength
            : firstContinuationToken(
                logprobs.path("text_offset"), echoed, continuationLength, what);
    if (first < 0 || first >= echoed) {
      throw new OpenAiException(
          what + ": echoed tokens do not cover the continuation", 200, 1, null);
    }
    double[] perToken = new double[echoed - first];
    for (int i = first; i < echoed; i++) {
      JsonNode v = values.get(i);
      if (v == null || !v.isNumber()) {
        throw new IllegalArgumentException(
            "the server gives no log-probability for the first token of a text; give the"
                + " continuation a non-empty prompt");
      }
      perToken[i - first] = v.doubleValue();
    }
    return Score.of(perToken);
  }

  private static int firstContinuationToken(
      JsonNode offsets, int echoed, int continuationChars, String what) {
    if (!offsets.isArray() || offsets.size() < echoed || echoed < 1) {
      throw new OpenAiException(what + ": the server returned no text_offset", 200, 1, null);
    }
    // The end of the echoed text: where the first generated token starts, if there is one.
    int end =
        offsets.size() > echoed ? offsets.get(echoed).asInt() : offsets.get(echoed - 1).asInt() + 1;
    int boundary = end - continuationChars;
    for (int i = 0; i < echoed; i++) {
      int tokenEnd = i + 1 < echoed ? offsets.get(i + 1).asInt() : end;
      if (tokenEnd > boundary) {
        return i;
      }
    }
    return echoed;
  }
}
