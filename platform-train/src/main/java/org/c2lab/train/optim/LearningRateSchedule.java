package org.c2lab.train.optim;

import java.util.Locale;
import java.util.Objects;

/**
 * The learning rate of each optimizer step, as Hugging Face's schedulers compute it: a linear
 * warm-up from 0 over {@code warmupSteps}, then a decay to 0 at {@code totalSteps}. Step {@code s}
 * counts optimizer steps already taken, so the first step uses {@code s = 0} (a learning rate of 0
 * when there is warm-up, as in Hugging Face).
 *
 * @param peak the learning rate after warm-up
 * @param warmupSteps steps of linear warm-up, >= 0
 * @param totalSteps all optimizer steps of the run, > 0
 * @param decay the shape after warm-up
 */
public record LearningRateSchedule(double peak, long warmupSteps, long totalSteps, Decay decay) {

  /** The shape of the schedule after warm-up. */
  public enum Decay {
    /** Stays at the peak ({@code constant_with_warmup}). */
    CONSTANT {
      @Override
      double factor(double progress) {
        return 1;
      }
    },
    /** Falls linearly to 0 ({@code get_linear_schedule_with_warmup}). */
    LINEAR {
      @Override
      double factor(double progress) {
        return Math.max(0, 1 - progress);
      }
    },
    /** Half a cosine to 0 ({@code get_cosine_schedule_with_warmup}, 0.5 cycles). */
    COSINE {
      @Override
      double factor(double progress) {
        return Math.max(0, 0.5 * (1 + Math.cos(Math.PI * progress)));
      }
    };

    /** The multiplier at {@code progress} in [0, 1] of the decay phase. */
    abstract double factor(double progress);

    /** The decay named {@code constant}, {@code linear} or {@code cosine}. */
    public static Decay named(String name) {
      try {
        return valueOf(name.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "unknown schedule '" + name + "' (constant, linear, cosine)", e);
      }
    }

    /** The lower-case name. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public LearningRateSchedule {
    Objects.requireNonNull(decay, "decay");
    if (!(peak >= 0) || !Double.isFinite(peak)) {
      throw new IllegalArgumentException("learning rate must be >= 0, got " + peak);
    }
    if (totalSteps <= 0) {
      throw new IllegalArgumentException("total steps must be > 0, got " + totalSteps);
    }
    if (warmupSteps < 0) {
      throw new IllegalArgumentException("warm-up steps must be >= 0, got " + warmupSteps);
    }
  }

  /** The learning rate of the step taken after {@code step} steps. */
  public double at(long step) {
    if (step < warmupSteps) {
      return peak * step / Math.max(1, warmupSteps);
    }
    double progress = (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
    return peak * decay.factor(progress);
  }
}
