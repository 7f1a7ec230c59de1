package org.c2lab.train.optim;

/**
 * Dynamic loss scaling as {@code torch.cuda.amp.GradScaler} does it, so that small F16 gradients do
 * not flush to zero: the loss is multiplied by {@link #scale()} before backward, the gradients are
 * divided by it before clipping and the optimizer step, and a step whose gradients hold an inf or
 * NaN is skipped. After a skipped step the scale is multiplied by {@code backoffFactor}; after
 * {@code growthInterval} consecutive finite steps by {@code growthFactor}.
 *
 * <p>A disabled scaler ({@link #disabled()}) has scale 1, never skips and never changes: F32
 * training runs exactly as without it.
 */
public final class LossScaler {
  /** Metric: the scale the step's loss was multiplied by. */
  public static final String LOSS_SCALE = "loss_scale";

  /** Metric: steps skipped so far in the run because of inf/NaN gradients. */
  public static final String SKIPPED_STEPS = "skipped_steps";

  /**
   * GradScaler's settings.
   *
   * @param initialScale the first scale (torch: 2^16)
   * @param growthFactor multiplier after {@code growthInterval} finite steps (torch: 2)
   * @param backoffFactor multiplier after a non-finite step (torch: 0.5)
   * @param growthInterval finite steps before growing (torch: 2000)
   */
  public record Settings(
      double initialScale, double growthFactor, double backoffFactor, int growthInterval) {
    /** torch's defaults. */
    public static final Settings TORCH = new Settings(65536.0, 2.0, 0.5, 2000);

    public Settings {
      if (!(initialScale > 0) || !Double.isFinite(initialScale)) {
        throw new IllegalArgumentException("initial scale must be > 0, got " + initialScale);
      }
      if (!(growthFactor > 1)) {
        throw new IllegalArgumentException("growth factor must be > 1, got " + growthFactor);
      }
      if (!(backoffFactor > 0 && backoffFactor < 1)) {
        throw new IllegalArgumentException(
            "backoff factor must be in (0, 1), got " + backoffFactor);
      }
      if (growthInterval < 1) {
        throw new IllegalArgumentException("growth interval must be >= 1, got " + growthInterval);
      }
    }
  }

  /**
   * The state a checkpoint keeps.
   *
   * @param scale the current scale
   * @param growthTracker consecutive finite steps since the last change
   * @param skipped steps skipped so far
   */
  public record State(double scale, int growthTracker, long skipped) {}

  private final boolean enabled;
  private final Settings settings;
  private double scale;
  private int growthTracker;
  private long skipped;

  private LossScaler(boolean enabled, Settings settings) {
    this.enabled = enabled;
    this.settings = settings;
    this.scale = enabled ? settings.initialScale() : 1.0;
  }

  /** A dynamic scaler with {@code settings}. */
  public static LossScaler dynamic(Settings settings) {
    return new LossScaler(true, java.util.Objects.requireNonNull(settings, "settings"));
  }

  /** A scaler that does nothing (scale 1, no skipping). */
  public static LossScaler disabled() {
    return new LossScaler(false, Settings.TORCH);
  }

  /** Whether it scales and skips. */
  public boolean enabled() {
    return enabled;
  }

  /** The factor for the next backward pass. */
  public double scale() {
    return scale;
  }

  /** Steps skipped so far. */
  public long skipped() {
    return skipped;
  }

  /**
   * Records the outcome of a step whose gradients were (not) all finite and updates the scale, as
   * {@code GradScaler.update()}.
   *
   * @return whether the optimizer may step (always true when disabled)
   */
  public boolean update(boolean finite) {
    if (!enabled) {
      return true;
    }
    if (!finite) {
      scale *= settings.backoffFactor();
      growthTracker = 0;
      skipped++;
      return false;
    }
    growthTracker++;
    if (growthTracker == settings.growthInterval()) {
      double grown = scale * settings.growthFactor();
      if (Double.isFinite(grown) && grown <= Float.MAX_VALUE) {
        scale = grown;
      }
      growthTracker = 0;
    }
    return true;
  }

  /** The state to checkpoint. */
  public State state() {
    return new State(scale, growthTracker, skipped);
  }

  /** Restores a checkpointed state. */
  public void restore(State state) {
    if (!enabled) {
      return;
    }
    if (!(state.scale() > 0) || state.growthTracker() < 0 || state.skipped() < 0) {
      throw new IllegalArgumentException("invalid loss scaler state " + state);
    }
    scale = state.scale();
    growthTracker = state.growthTracker();
    skipped = state.skipped();
  }
}
