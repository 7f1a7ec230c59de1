package org.c2lab.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.c2lab.train.autograd.Gradients;
import org.c2lab.train.autograd.Scalars;

/**
 * AdamW with torch's update rule ({@code torch.optim.AdamW}, Loshchilov and Hutter, "Decoupled
 * Weight Decay Regularization", ICLR 2019), written out because DJL's Adam differs in where eps and
 * weight decay enter. For step {@code t} with learning rate {@code lr} and gradient {@code g}:
 *
 * <pre>
 * p  = p * (1 - lr * weight_decay)                 (decoupled decay, decaying parameters only)
 * m  = beta1 * m + (1 - beta1) * g
 * v  = beta2 * v + (1 - beta2) * g * g
 * p  = p - (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 *
 * Moments live in the optimizer's own manager, outside any step's {@code NDScope}; each step runs
 * in its own scope. Parameters without a gradient yet are skipped, as torch does.
 */
public final class AdamW implements AutoCloseable {

  /**
   * Hyperparameters.
   *
   * @param beta1 first-moment decay, in [0, 1)
   * @param beta2 second-moment decay, in [0, 1)
   * @param eps added to the denominator after the square root, > 0
   * @param weightDecay decoupled decay, >= 0
   */
  public record Settings(double beta1, double beta2, double eps, double weightDecay) {
    /** torch's defaults with Hugging Face's weight decay of 0. */
    public static final Settings DEFAULT = new Settings(0.9, 0.999, 1e-8, 0.0);

    public Settings {
      if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
        throw new IllegalArgumentException("betas must be in [0, 1), got " + beta1 + ", " + beta2);
      }
      if (!(eps > 0)) {
        throw new IllegalArgumentException("eps must be > 0, got " + eps);
      }
      if (!(weightDecay >= 0)) {
        throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
      }
    }
  }

  /** Prefix of first-moment tensors in {@link #state()}. */
  public static final String EXP_AVG = "exp_avg.";

  /** Prefix of second-moment tensors in {@link #state()}. */
  public static final String EXP_AVG_SQ = "exp_avg_sq.";

  private final List<Parameter> parameters;
  private final Settings settings;
  private final NDManager manager;
  private final NDArray[] m;
  private final NDArray[] v;
  private long steps;

  /**
   * An optimizer over {@code parameters} with zero moments in a sub-manager of {@code parent} (on
   * the parameters' device).
   */
  public AdamW(List<Parameter> parameters, Settings settings, NDManager parent) {
    this.parameters = List.copyOf(parameters);
    this.settings = Objects.requireNonNull(settings, "settings");
    this.manager = parent.newSubManager();
    this.m = new NDArray[this.parameters.size()];
    this.v = new NDArray[this.parameters.size()];
    for (int i = 0; i < m.length; i++) {
      NDArray p = this.parameters.get(i).value();
      m[i] = manager.zeros(p.getShape(), p.getDataType());
      v[i] = manager.zeros(p.getShape(), p.getDataType());
    }
    NDScope.unregister(m);
    NDScope.unregister(v);
  }

  /** The parameters, in order. */
  public List<Parameter> parameters() {
    return parameters;
  }

  /** The hyperparameters. */
  public Settings settings() {
    return settings;
  }

  /** Steps taken (torch's {@code state["step"]}). */
  public long steps() {
    return steps;
  }

  /** Applies one update with learning rate {@code lr} from the accumulated gradients. */
  public void step(double lr) {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray[] grads = new NDArray[m.length];
      for (int i = 0; i < m.length; i++) {
        grads[i] = Gradients.of(parameters.get(i).value());
      }
      step(lr, java.util.Arrays.asList(grads));
    }
  }

  /**
   * Applies one update with learning rate {@code lr} from {@code grads}, one per parameter in
   * order, in the masters' dtype (null: no gradient, the parameter is skipped).
   */
  public void step(double lr, List<NDArray> grads) {
    if (grads.size() != m.length) {
      throw new IllegalArgumentException(
          grads.size() + " gradients for " + m.length + " parameters");
    }
    steps++;
    double b1 = settings.beta1();
    double b2 = settings.beta2();
    double stepSize = lr / (1 - Math.pow(b1, steps));
    double correction2Sqrt = Math.sqrt(1 - Math.pow(b2, steps));
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      for (int i = 0; i < m.length; i++) {
        Parameter p = parameters.get(i);
        NDArray g = grads.get(i);
        if (g == null) {
          continue;
        }
        NDArray value = p.value();
        if (p.decay() && settings.weightDecay() > 0) {
          value.muli(Scalars.like(value, 1 - lr * settings.weightDecay()));
        }
        m[i].muli(Scalars.like(g, b1)).addi(g.mul(Scalars.like(g, 1 - b1)));
        v[i].muli(Scalars.like(g, b2)).addi(g.mul(g).muli(Scalars.like(g, 1 - b2)));
        NDArray denom = v[i].sqrt().divi(Scalars.like(g, correction2Sqrt));
        denom.addi(Scalars.like(g, settings.eps()));
        value.subi(m[i].div(denom).muli(Scalars.like(g, stepSize)));
      }
    }
  }

  /**
   * The moments by name ({@link #EXP_AVG} or {@link #EXP_AVG_SQ} + parameter name): live arrays,
   * for checkpoints.
   */
  public Map<String, NDArray> state() {
    Map<String, NDArray> out = new LinkedHashMap<>();
    for (int i = 0; i < m.length; i++) {
      out.put(EXP_AVG + parameters.get(i).name(), m[i]);
    }
    for (int i = 0; i < v.length; i++) {
      out.put(EXP_AVG_SQ + parameters.get(i).name(), v[i]);
    }
    return out;
  }

  /** Restores the step count (the moments are restored through {@link #state()}'s arrays). */
  public void restoreSteps(long steps) {
    if (steps < 0) {
      throw new IllegalArgumentException("steps must be >= 0, got " + steps);
    }
    this.steps = steps;
  }

  /** Frees the moments. */
  @Override
  public void close() {
    manager.close();
  }
}
