package org.c2lab.web.compare;

import java.util.List;

/**
 * Two or more C2-Eval runs side by side.
 *
 * @param runs each run's metrics with intervals, in the order asked
 * @param pairs every pair (i < j) compared path by path
 */
public record Comparison(List<RunReport> runs, List<PairReport> pairs) {
  public Comparison {
    runs = List.copyOf(runs);
    pairs = List.copyOf(pairs);
  }
}
