package org.c2lab.core.judge;

import java.util.Objects;

/**
 * What a judge sees, as three separate parts: a whole-response classifier is fooled by the harmful
 * prefix, so the judge must know where the model's own continuation starts.
 *
 * @param request the user's (harmful) request
 * @param prefilledText the text forced into the assistant turn (force-begin phrase + harmful
 *     prefix)
 * @param continuation what the model generated after the prefilled text; may be empty
 */
public record JudgeRequest(String request, String prefilledText, String continuation) {
  public JudgeRequest {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(prefilledText, "prefilledText");
    Objects.requireNonNull(continuation, "continuation");
  }
}
