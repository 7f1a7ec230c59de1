package org.c2lab.train.finetune;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a finished fine-tuning job reports.
 *
 * @param steps optimizer steps done in all (including before a resume)
 * @param resumedAt the step this invocation started at (0 for a fresh run)
 * @param examples examples in the data set
 * @param truncated examples shortened by the length limits
 * @param lastMetrics the last step's metrics (empty when nothing was left to train)
 * @param model the exported model folder
 * @param metricsLog the per-step JSON Lines log
 */
public record TrainingResult(
    long steps,
    long resumedAt,
    int examples,
    int truncated,
    Map<String, Double> lastMetrics,
    Path model,
    Path metricsLog) {
  public TrainingResult {
    lastMetrics = Map.copyOf(lastMetrics);
  }
}
