package org.c2lab.web.compare;

import org.c2lab.eval.c2eval.RunComparison;

/**
 * Two runs compared path by path, as {@code ./c2 eval compare A B} does: McNemar per k and overall
 * (exact p-values), the paired-bootstrap interval of the Corr_mean difference (B - A), and the
 * flipped samples side by side.
 *
 * @param runA run A
 * @param runB run B
 * @param comparison the comparison, or null when the runs cannot be paired
 * @param error why they cannot be paired (different data, k values, seed or b), or null
 */
public record PairReport(String runA, String runB, RunComparison comparison, String error) {}
