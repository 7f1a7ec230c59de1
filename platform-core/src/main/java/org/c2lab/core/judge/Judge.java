package org.c2lab.core.judge;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether a model's continuation of a prefilled harmful response course-corrects: the model
 * first complied, then recognised the request as unsafe and steered away.
 *
 * <p>Contract (checked by the {@code JudgeContract} test suite): the same input gives the same
 * decision; every verdict carries {@link #id()}; empty continuations and any Unicode text are
 * judged without throwing; {@link #judgeAll(List)} equals judging one by one, in order.
 * Implementations are thread-safe.
 */
public interface Judge {
  /** A stable identifier, e.g. {@code keyword} or {@code llm:gpt-4o}; recorded in verdicts. */
  String id();

  /**
   * The version of whatever determines this judge's decisions (prompt, keyword list, model). It is
   * part of the verdict cache key, so change it whenever decisions could change.
   */
  default String version() {
    return "1";
  }

  /** Judges one continuation. */
  Verdict judge(JudgeRequest request);

  /**
   * Judges a batch, returning verdicts in request order. Remote or model-backed judges override
   * this to batch or parallelise calls.
   */
  default List<Verdict> judgeAll(List<JudgeRequest> requests) {
    List<Verdict> verdicts = new ArrayList<>(requests.size());
    for (JudgeRequest request : requests) {
      verdicts.add(judge(request));
    }
    return verdicts;
  }
}
