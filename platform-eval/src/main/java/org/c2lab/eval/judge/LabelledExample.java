package org.c2lab.eval.judge;

import java.util.Objects;
import org.c2lab.core.judge.JudgeRequest;

/**
 * A continuation with a known verdict, for training and evaluating judges (e.g. an LLM judge's
 * verdicts, or human labels).
 *
 * @param request the request, prefilled text and continuation
 * @param corrected whether the continuation course-corrects
 */
public record LabelledExample(JudgeRequest request, boolean corrected) {
  public LabelledExample {
    Objects.requireNonNull(request, "request");
  }
}
