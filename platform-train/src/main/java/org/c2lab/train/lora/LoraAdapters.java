package org.c2lab.train.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.c2lab.train.autograd.Scalars;
import org.c2lab.train.model.ProjectionHook;
import org.c2lab.train.model.TrainableLm;
import org.c2lab.train.optim.Parameter;

/**
 * LoRA adapters on a frozen {@link TrainableLm}, entering through its {@link ProjectionHook}: each
 * targeted projection returns {@code y + scale * dropout(x) A^T B^T}. Switched off, the same model
 * is the reference model of DPO, so no second copy is held. Initialised as PEFT does: {@code A}
 * Kaiming-uniform ({@code a = sqrt(5)}, i.e. uniform in {@code +-1/sqrt(in)}), {@code B} zero, so
 * training starts from the base model exactly.
 */
public final class LoraAdapters implements ProjectionHook, AutoCloseable {
  /** PEFT's prefix of adapter tensor names. */
  public static final String PEFT_PREFIX = "base_model.model.";

  private final LoraConfig config;
  private final TrainableLm model;
  private final NDManager manager;
  private final Map<String, NDArray[]> adapters = new LinkedHashMap<>();
  private final Map<String, NDArray[]> working = new LinkedHashMap<>();
  private final DataType workType;
  private final NDArray scale;
  private volatile boolean enabled = true;
  private volatile boolean training = true;

  private LoraAdapters(LoraConfig config, TrainableLm model, NDManager manager, DataType workType) {
    this.config = config;
    this.model = model;
    this.manager = manager;
    this.workType = workType;
    this.scale = Scalars.of(manager, config.scale(), workType);
    NDScope.unregister(scale);
  }

  /**
   * Creates F32 adapters for every targeted projection of {@code model} (seeded) and installs them.
   *
   * @param parent the adapters' arrays live in a sub-manager of it (on the model's device)
   */
  public static LoraAdapters attach(
      TrainableLm model, LoraConfig config, NDManager parent, long seed) {
    return attach(model, config, parent, seed, DataType.FLOAT32);
  }

  /**
   * Creates adapters for every targeted projection of {@code model} (seeded) and installs them. The
   * masters (what the optimizer updates and checkpoints save) are F32; with {@code workType} F16
   * the forward pass reads F16 working copies of them (mixed precision over an F16 base), whose
   * gradients the trainer widens and applies to the masters.
   *
   * @param parent the adapters' arrays live in a sub-manager of it (on the model's device)
   * @param workType the dtype the forward pass computes in: F32, or F16 for an F16 base
   */
  public static LoraAdapters attach(
      TrainableLm model, LoraConfig config, NDManager parent, long seed, DataType workType) {
    Objects.requireNonNull(config, "config");
    if (workType != DataType.FLOAT32 && workType != DataType.FLOAT16) {
      throw new IllegalArgumentException("LoRA computes in F32 or F16, not " + workType);
    }
    LoraAdapters lora = new LoraAdapters(config, model, parent.newSubManager(), workType);
    SplittableRandom random = new SplittableRandom(seed);
    for (Map.Entry<String, NDArray> e : model.parameters().entrySet()) {
      if (!config.targets(e.getKey())) {
        continue;
      }
      Shape w = e.getValue().getShape();
      long out = w.get(0);
      long in = w.get(1);
      float[] a = new float[Math.toIntExact(config.rank() * in)];
      double bound = 1 / Math.sqrt(in);
      for (int i = 0; i < a.length; i++) {
        a[i] = (float) ((2 * random.nextDouble() - 1) * bound);
      }
      NDArray aArray = lora.owned(lora.manager.create(a, new Shape(config.rank(), in)));
      NDArray bArray = lora.manager.zeros(new Shape(out, config.rank()), DataType.FLOAT32);
      NDScope.unregister(bArray);
      lora.adapters.put(e.getKey(), new NDArray[] {aArray, bArray});
      NDArray[] work = {lora.workingCopy(aArray), lora.workingCopy(bArray)};
      work[0].setRequiresGradient(true);
      work[1].setRequiresGradient(true);
      lora.working.put(e.getKey(), work);
    }
    if (lora.adapters.isEmpty()) {
      lora.close();
      throw new IllegalArgumentException(
          "no projection of the model matches LoRA targets " + config.targetModules());
    }
    model.setProjectionHook(lora);
    return lora;
  }

  /** The master itself in F32, else a copy in the working dtype (out of any scope). */
  private NDArray workingCopy(NDArray master) {
    if (workType == master.getDataType()) {
      return master;
    }
    NDArray copy = master.toType(workType, true);
    NDScope.unregister(copy);
    return copy;
  }

  /** The dtype the adapters compute in (F32, or F16 working copies of F32 masters). */
  public DataType workType() {
    return workType;
  }

  /** A native copy of an array made from a Java buffer, out of any scope. */
  private NDArray owned(NDArray wrapped) {
    NDArray copy = wrapped.duplicate();
    wrapped.close();
    NDScope.unregister(copy);
    return copy;
  }

  /** The configuration. */
  public LoraConfig config() {
    return config;
  }

  @Override
  public NDArray apply(String weightName, NDArray input, NDArray output) {
    NDArray[] ab = enabled ? working.get(weightName) : null;
    if (ab == null) {
      return output;
    }
    NDArray x =
        training && config.dropout() > 0
            ? input.getNDArrayInternal().dropout(input, (float) config.dropout(), true).head()
            : input;
    NDArray low = linear(linear(x, ab[0]), ab[1]);
    return output.add(low.mul(scale));
  }

  private static NDArray linear(NDArray x, NDArray weight) {
    return x.getNDArrayInternal().linear(x, weight, null).singletonOrThrow();
  }

  /** Turns the adapters on (the policy) or off (the base model, DPO's reference). */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** Whether the adapters act. */
  public boolean enabled() {
    return enabled;
  }

  /** Training mode applies dropout; evaluation mode does not. */
  public void setTraining(boolean training) {
    this.training = training;
  }

  /**
   * The adapter matrices as trainable parameters with PEFT's names ({@code
   * base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight}), in model order: the F32
   * masters, with their F16 working copies when the adapters compute in F16.
   */
  public List<Parameter> parameters() {
    List<Parameter> out = new ArrayList<>();
    adapters.forEach(
        (weight, ab) -> {
          String module = PEFT_PREFIX + weight.substring(0, weight.length() - ".weight".length());
          NDArray[] work = working.get(weight);
          out.add(Parameter.mixed(module + ".lora_A.weight", ab[0], work[0]));
          out.add(Parameter.mixed(module + ".lora_B.weight", ab[1], work[1]));
        });
    return out;
  }

  /** The adapted base weight names, in model order. */
  public List<String> adaptedWeights() {
    return List.copyOf(adapters.keySet());
  }

  /**
   * {@code W + scale * B A} for an adapted weight as a new F32 array (in the current scope), from
   * the F32 masters, or null when the weight has no adapter.
   *
   * @param base the weight W in F32 (for an F16 base, its original checkpoint values, not the F16
   *     copy the forward pass reads, so that merging does not round the base)
   */
  public NDArray merged(String weightName, NDArray base) {
    NDArray delta = delta(weightName);
    return delta == null ? null : delta.addi(base);
  }

  /**
   * {@code scale * B A} for an adapted weight as a new F32 array (in the current scope), from the
   * F32 masters, or null when the weight has no adapter.
   */
  public NDArray delta(String weightName) {
    NDArray[] ab = adapters.get(weightName);
    if (ab == null) {
      return null;
    }
    try (NDArray s = Scalars.of(ab[0].getManager(), config.scale(), DataType.FLOAT32)) {
      return ab[1].matMul(ab[0]).muli(s);
    }
  }

  /** Removes the hook from the model and frees the adapters. */
  @Override
  public void close() {
    model.setProjectionHook(null);
    manager.close();
  }
}
