package org.c2lab.train.training;

import java.io.IOException;

/**
 * Extends the {@link Trainer}'s loop: metrics logs, progress, checkpoints. Called on the training
 * thread; a throwing listener stops the run.
 */
public interface TrainingListener {

  /** Before the first step; {@code step} > 0 when resuming. */
  default void onStart(long step, long totalSteps) throws IOException {}

  /** After each optimizer step. */
  default void onStep(StepReport report) throws IOException {}

  /**
   * When the loop stops after {@code step} steps: the run finished, or was cancelled (then the
   * trainer throws {@link org.c2lab.core.job.JobCancelledException} right after).
   */
  default void onStop(long step, boolean finished) throws IOException {}
}
