package org.c2lab.eval.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.c2lab.core.model.FinishReason;
import org.c2lab.core.model.SamplingParams;

/** Maps core's sampling parameters and finish reasons to and from the OpenAI wire format. */
final class SamplingBody {
  private SamplingBody() {}

  /**
   * Adds the decoding fields for one sample: {@code n: 1}, the sample's {@code seed}, {@code
   * max_tokens}, {@code temperature} (0 for greedy), {@code top_p}, and, only when used, the
   * extension fields {@code top_k} and {@code stop_token_ids} (vLLM, llama.cpp) and {@code stop}.
   */
  static ObjectNode apply(ObjectNode body, SamplingParams params, long seed) {
    body.put("n", 1);
    body.put("seed", seed);
    body.put("max_tokens", params.maxNewTokens());
    if (params.greedy()) {
      body.put("temperature", 0.0);
      body.put("top_p", 1.0);
    } else {
      body.put("temperature", params.temperature());
      body.put("top_p", params.topP());
      if (params.topK() > 0) {
        body.put("top_k", params.topK());
      }
    }
    if (!params.stopStrings().isEmpty()) {
      ArrayNode stop = body.putArray("stop");
      params.stopStrings().forEach(stop::add);
    }
    if (!params.stopTokenIds().isEmpty()) {
      ArrayNode ids = body.putArray("stop_token_ids");
      params.stopTokenIds().forEach(ids::add);
    }
    return body;
  }

  /**
   * Core's finish reason for a server's {@code finish_reason}: {@code stop} (and {@code eos},
   * {@code stop_sequence}, {@code end_turn}) is STOP, {@code length} (and {@code max_tokens}) is
   * LENGTH, {@code abort} is CANCELLED, anything else (including none) is ERROR.
   */
  static FinishReason finishReason(String reason) {
    if (reason == null) {
      return FinishReason.ERROR;
    }
    return switch (reason.toLowerCase(Locale.ROOT)) {
      case "stop", "eos", "eos_token", "stop_sequence", "end_turn" -> FinishReason.STOP;
      case "length", "max_tokens" -> FinishReason.LENGTH;
      case "abort", "cancelled" -> FinishReason.CANCELLED;
      default -> FinishReason.ERROR;
    };
  }
}
