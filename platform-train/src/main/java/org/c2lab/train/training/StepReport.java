package org.c2lab.train.training;

import java.time.Duration;
import java.util.Map;

/**
 * One optimizer step's outcome, as listeners receive it.
 *
 * @param step steps done, counting this one (1-based, like Hugging Face's {@code global_step})
 * @param totalSteps steps of the whole run
 * @param epoch fractional epochs done
 * @param metrics step means under TRL's names, plus grad_norm, learning_rate, tokens_per_second
 * @param time the step's wall-clock time
 */
public record StepReport(
    long step, long totalSteps, double epoch, Map<String, Double> metrics, Duration time) {
  public StepReport {
    metrics = Map.copyOf(metrics);
  }

  /** A metric's value, NaN when absent. */
  public double metric(String name) {
    return metrics.getOrDefault(name, Double.NaN);
  }
}
