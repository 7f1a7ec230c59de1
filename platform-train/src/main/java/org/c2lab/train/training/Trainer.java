package org.c2lab.train.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.c2lab.core.job.JobCancelledException;
import org.c2lab.core.job.JobContext;
import org.c2lab.core.metrics.MetricNames;
import org.c2lab.train.autograd.Gradients;
import org.c2lab.train.autograd.Scalars;
import org.c2lab.train.optim.AdamW;
import org.c2lab.train.optim.GlobalNormClipping;
import org.c2lab.train.optim.LearningRateSchedule;
import org.c2lab.train.optim.LossScaler;
import org.c2lab.train.optim.Parameter;

/**
 * The training loop: for each optimizer step, the plan's micro-batches are run forward and backward
 * (gradients accumulate, each loss scaled by its share of the step), then the gradients are clipped
 * by global norm, AdamW steps with the scheduled learning rate, the gradients are zeroed and the
 * listeners hear of it. Cancellation is checked after every step.
 *
 * <p>Mixed precision: gradients are read from each parameter's working array (an F16 copy of an F32
 * master for LoRA over an F16 base), widened to the master's dtype, divided by the loss scale and
 * checked: a step with an inf or NaN gradient is skipped (no update, the scale is halved, data and
 * learning rate move on as for any step); otherwise the masters are clipped and updated and the
 * working copies refreshed from them.
 *
 * <p>Randomness inside a step (LoRA dropout) comes from torch's generator seeded with {@code (seed,
 * step)} before the step, so a resumed run draws what an uninterrupted one would without saving
 * generator state.
 */
public final class Trainer {
  private final Objective objective;
  private final List<Parameter> parameters;
  private final AdamW optimizer;
  private final LearningRateSchedule schedule;
  private final GlobalNormClipping clipping;
  private final TrainingPlan plan;
  private final NDManager manager;
  private final List<TrainingListener> listeners;
  private final LossScaler scaler;

  /**
   * A loop over {@code plan} without loss scaling.
   *
   * @param manager where micro-batch inputs are created (the model's, on its device)
   */
  public Trainer(
      Objective objective,
      AdamW optimizer,
      LearningRateSchedule schedule,
      GlobalNormClipping clipping,
      TrainingPlan plan,
      NDManager manager,
      List<TrainingListener> listeners) {
    this(objective, optimizer, schedule, clipping, plan, manager, listeners, LossScaler.disabled());
  }

  /**
   * A loop over {@code plan}.
   *
   * @param manager where micro-batch inputs are created (the model's, on its device)
   * @param scaler loss scaling for F16 gradients ({@link LossScaler#disabled()} for F32)
   */
  public Trainer(
      Objective objective,
      AdamW optimizer,
      LearningRateSchedule schedule,
      GlobalNormClipping clipping,
      TrainingPlan plan,
      NDManager manager,
      List<TrainingListener> listeners,
      LossScaler scaler) {
    this.scaler = Objects.requireNonNull(scaler, "scaler");
    this.objective = Objects.requireNonNull(objective, "objective");
    this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
    this.parameters = optimizer.parameters();
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.clipping = Objects.requireNonNull(clipping, "clipping");
    this.plan = Objects.requireNonNull(plan, "plan");
    this.manager = Objects.requireNonNull(manager, "manager");
    this.listeners = List.copyOf(listeners);
  }

  /**
   * Trains from step {@code startStep} (0 for a new run, the checkpoint's step when resuming) to
   * the end of the plan.
   *
   * @return the steps done
   * @throws JobCancelledException when {@code context} is cancelled (after the listeners' {@code
   *     onStop}, which checkpoints)
   */
  public long run(long startStep, JobContext context) throws IOException {
    long total = plan.totalSteps();
    for (TrainingListener l : listeners) {
      l.onStart(startStep, total);
    }
    for (long s = startStep; s < total; s++) {
      StepReport report = step(s);
      for (TrainingListener l : listeners) {
        l.onStep(report);
      }
      if (context.isCancelled() && s + 1 < total) {
        for (TrainingListener l : listeners) {
          l.onStop(s + 1, false);
        }
        throw new JobCancelledException(context.jobId());
      }
    }
    for (TrainingListener l : listeners) {
      l.onStop(total, true);
    }
    return total;
  }

  private StepReport step(long s) {
    long started = System.nanoTime();
    Engine.getInstance().setRandomSeed(stepSeed(plan.seed(), s));
    List<int[]> microBatches = plan.step(s);
    double stepWeight = 0;
    for (int[] mb : microBatches) {
      stepWeight += objective.weight(mb);
    }
    MetricSums sums = new MetricSums();
    long tokens = 0;
    double lossScale = scaler.scale();
    for (int[] mb : microBatches) {
      // Backward inside the scope: inputs made from Java buffers must outlive the graph.
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        Objective.Result out;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          out = objective.forward(mb, manager);
          double factor = objective.weight(mb) / stepWeight * lossScale;
          NDArray share = Scalars.like(out.loss(), factor);
          collector.backward(out.loss().mul(share));
        }
        sums.addAll(out.metrics());
        tokens += out.tokens();
      }
    }
    double gradNorm = Double.NaN;
    double lr = schedule.at(s);
    boolean stepped;
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      List<NDArray> grads = new ArrayList<>(parameters.size());
      for (Parameter p : parameters) {
        grads.add(Gradients.of(p.working(), p.value().getDataType()));
      }
      if (scaler.enabled()) {
        for (NDArray g : grads) {
          if (g != null) {
            g.muli(Scalars.like(g, 1 / lossScale));
          }
        }
      }
      stepped = scaler.update(!scaler.enabled() || Gradients.allFinite(grads));
      if (stepped) {
        gradNorm = clipping.clipGradients(grads);
        optimizer.step(lr, grads);
        parameters.forEach(Parameter::refreshWorking);
      }
      // else: an inf/NaN gradient; the step is skipped, nothing changes, no norm is logged
      parameters.forEach(p -> Gradients.zero(p.working()));
    }
    Duration time = Duration.ofNanos(System.nanoTime() - started);
    Map<String, Double> metrics = new java.util.LinkedHashMap<>(sums.means());
    if (stepped) {
      metrics.put(MetricNames.GRAD_NORM, gradNorm);
    }
    metrics.put(MetricNames.LEARNING_RATE, lr);
    metrics.put(MetricNames.TOKENS_PER_SECOND, tokens / Math.max(1e-9, time.toNanos() / 1e9));
    metrics.put(MetricNames.EPOCH, plan.epochAfter(s + 1));
    if (scaler.enabled()) {
      metrics.put(LossScaler.LOSS_SCALE, lossScale);
      metrics.put(LossScaler.SKIPPED_STEPS, (double) scaler.skipped());
    }
    return new StepReport(s + 1, plan.totalSteps(), plan.epochAfter(s + 1), metrics, time);
  }

  /** torch's seed for step {@code step}: a mix of the run seed and the step. */
  static int stepSeed(long seed, long step) {
    long z = seed * 0x9E3779B97F4A7C15L + step + 1;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return (int) ((z ^ (z >>> 31)) & 0x7FFFFFFF);
  }
}
