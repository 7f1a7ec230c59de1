package org.c2lab.eval.c2eval;

import java.util.List;
import java.util.Objects;
import org.c2lab.core.protocol.PrefilledPrompt;
import org.c2lab.core.template.RenderedPrompt;

/**
 * One (request, k) of a C2-Eval run: its prefill, the prompt text the model sees, and the seeds of
 * its b paths. The unit of generation, storage and resumption.
 *
 * @param prefill the request and the prefix to continue
 * @param prompt the prefix in the model's chat template, turn left open
 * @param seeds one seed per path, from {@link PathSeeds}
 */
record EvalUnit(PrefilledPrompt prefill, RenderedPrompt prompt, List<Long> seeds) {
  EvalUnit {
    Objects.requireNonNull(prefill, "prefill");
    Objects.requireNonNull(prompt, "prompt");
    seeds = List.copyOf(seeds);
  }

  /** The unit's key in {@code samples.jsonl}: {@code <request id>/k=<k>}. */
  String key() {
    return unitKey(prefill.requestId(), prefill.k());
  }

  static String unitKey(String requestId, int k) {
    return requestId + "/k=" + k;
  }
}
