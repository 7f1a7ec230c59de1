package org.c2lab.web.compare;

import org.c2lab.core.metrics.CorrectionReport;

/**
 * One C2-Eval run in a comparison.
 *
 * @param runId the run
 * @param name its label
 * @param model the model it evaluated (folder or {@code PRESET@URL})
 * @param samples judged samples in the store
 * @param report Corr@k with Wilson 95% intervals, Corr_mean with its bootstrap interval
 */
public record RunReport(
    String runId, String name, String model, long samples, CorrectionReport report) {}
