package org.c2lab.train.lora;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import org.c2lab.train.autograd.Scalars;
import org.c2lab.train.model.ProjectionHook;
import org.c2lab.train.model.StoredTensor;
import org.c2lab.train.model.TrainableLm;
import org.c2lab.train.optim.Parameter;

/**
 * LoRA adapters on a frozen {@link TrainableLm}, entering through its {@link ProjectionHook}: each
 * targeted projection returns {@code y + scale * dropout(x) A^T B^T}. Switched off, the same model
 * is the reference model of DPO, so no second copy is held. Initialised as PEFT does: {@code A}
 * Kaiming-uniform ({@code a = sqrt(5)}, i.e. uniform in {@code +-1/sqrt(in)}), {@code B} zero, so
 * training starts from the base model exactly.
 *
 * <p>Adapters belong to the checkpoint's modules, as PEFT's do: a projection the checkpoint stores
 * fused (Phi-3's {@code qkv_proj}, {@code gate_up_proj}) gets one adapter whose {@code B} rows are
 * split over the runtime's separate projections (one {@code A} and one dropout mask shared by them,
 * computed once per input); rows the runtime reorders at load (GLM's rotary rows of q/k) are held
 * in the runtime's order and put back in the checkpoint's by {@link #delta} and {@link
 * #checkpointB}.
 *
 * <p>Mixed precision: the masters (what the optimizer updates and checkpoints save) are F32; with
 * an F16 work type the forward pass reads F16 working copies of them.
 */
public final class LoraAdapters implements ProjectionHook, AutoCloseable {
  /** PEFT's prefix of adapter tensor names. */
  public static final String PEFT_PREFIX = "base_model.model.";

  /** One adapter on a checkpoint module. */
  private record Adapter(
      StoredTensor module, NDArray a, NDArray b, NDArray workA, NDArray workB, long in) {}

  /** Where a runtime projection's rows sit in its adapter's B. */
  private record Slot(Adapter adapter, long offset, long rows) {}

  private final LoraConfig config;
  private final TrainableLm model;
  private final NDManager manager;
  private final Map<String, Adapter> adapters = new LinkedHashMap<>(); // by checkpoint weight name
  private final Map<String, Slot> slots = new HashMap<>(); // by runtime weight name
  private final DataType workType;
  private final NDArray scale;
  private volatile boolean enabled = true;
  private volatile boolean training = true;
  // x A^T of the last input per adapter: the fused module's parts share one input and dropout
  private NDArray lastInput;
  private final Map<Adapter, NDArray> lastLow = new HashMap<>();

  private LoraAdapters(LoraConfig config, TrainableLm model, NDManager manager, DataType workType) {
    this.config = config;
    this.model = model;
    this.manager = manager;
    this.workType = workType;
    this.scale = Scalars.of(manager, config.scale(), workType);
    NDScope.unregister(scale);
  }

  /**
   * Creates F32 adapters for every targeted projection of a model whose checkpoint layout is its
   * own (Llama, Mistral, Qwen2) and installs them.
   *
   * @param parent the adapters' arrays live in a sub-manager of it (on the model's device)
   */
  public static LoraAdapters attach(
      TrainableLm model, LoraConfig config, NDManager parent, long seed) {
    return attach(model, config, parent, seed, DataType.FLOAT32, Map.of());
  }

  /**
   * Creates adapters for every targeted module of the checkpoint (seeded, in model order) and
   * installs them.
   *
   * @param parent the adapters' arrays live in a sub-manager of it (on the model's device)
   * @param workType the dtype the forward pass computes in: F32, or F16 for an F16 base
   * @param layout the family's {@link org.c2lab.train.model.ModelFamily#runtimeLayout}
   * @throws IllegalArgumentException when a target matches nothing, or names only some parts of a
   *     fused module
   */
  public static LoraAdapters attach(
      TrainableLm model,
      LoraConfig config,
      NDManager parent,
      long seed,
      DataType workType,
      Map<String, StoredTensor> layout) {
    Objects.requireNonNull(config, "config");
    if (workType != DataType.FLOAT32 && workType != DataType.FLOAT16) {
      throw new IllegalArgumentException("LoRA computes in F32 or F16, not " + workType);
    }
    Map<String, StoredTensor> byRuntime = new HashMap<>();
    for (StoredTensor t : layout.values()) {
      t.pieces().forEach(p -> byRuntime.put(p.runtimeName(), t));
    }
    LoraAdapters lora = new LoraAdapters(config, model, parent.newSubManager(), workType);
    try {
      Set<String> matched = new LinkedHashSet<>();
      SplittableRandom random = new SplittableRandom(seed);
      Map<String, NDArray> weights = model.parameters();
      for (Map.Entry<String, NDArray> e : weights.entrySet()) {
        String runtimeName = e.getKey();
        if (LoraConfig.projection(runtimeName) == null) {
          continue;
        }
        StoredTensor module =
            byRuntime.getOrDefault(
                runtimeName,
                new StoredTensor(
                    runtimeName,
                    List.of(
                        new StoredTensor.Piece(
                            runtimeName, e.getValue().getShape().get(0), null))));
        if (!lora.targeted(module, matched)) {
          continue;
        }
        Adapter adapter = lora.adapters.get(module.name());
        if (adapter == null) {
          adapter = lora.newAdapter(module, e.getValue().getShape().get(1), random);
          lora.adapters.put(module.name(), adapter);
        }
        long offset = 0;
        for (StoredTensor.Piece p : module.pieces()) {
          if (p.runtimeName().equals(runtimeName)) {
            lora.slots.put(runtimeName, new Slot(adapter, offset, p.rows()));
          }
          offset += p.rows();
        }
      }
      List<String> unmatched = new ArrayList<>(config.targetModules());
      unmatched.removeAll(matched);
      if (lora.adapters.isEmpty() || !unmatched.isEmpty()) {
        throw new IllegalArgumentException(
            "LoRA targets "
                + unmatched
                + " match no projection of the model (its projections: "
                + projections(weights.keySet(), byRuntime)
                + ")");
      }
    } catch (RuntimeException ex) {
      lora.manager.close();
      throw ex;
    }
    model.setProjectionHook(lora);
    return lora;
  }

  /** The checkpoint's projection names of a model, e.g. [qkv_proj, o_proj, ...]. */
  private static Set<String> projections(Set<String> runtime, Map<String, StoredTensor> stored) {
    Set<String> out = new LinkedHashSet<>();
    for (String name : runtime) {
      StoredTensor t = stored.get(name);
      String p = LoraConfig.projection(t == null ? name : t.name());
      if (p != null) {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * Whether {@code module} is targeted: by its own name, or (fused) by the names of all its parts.
   * Records the target names used in {@code matched}.
   */
  private boolean targeted(StoredTensor module, Set<String> matched) {
    String own = LoraConfig.projection(module.name());
    if (config.targetModules().contains(own)) {
      matched.add(own);
      return true;
    }
    if (module.pieces().size() == 1) {
      return false;
    }
    List<String> parts =
        module.pieces().stream().map(p -> LoraConfig.projection(p.runtimeName())).toList();
    List<String> named = parts.stream().filter(config.targetModules()::contains).toList();
    if (named.isEmpty()) {
      return false;
    }
    if (named.size() < parts.size()) {
      throw new IllegalArgumentException(
          "this model stores "
              + parts
              + " fused as "
              + own
              + ": LoRA can adapt all of them ("
              + own
              + ") or none, not "
              + named);
    }
    matched.addAll(named);
    return true;
  }

  private Adapter newAdapter(StoredTensor module, long in, SplittableRandom random) {
    long out = module.pieces().stream().mapToLong(StoredTensor.Piece::rows).sum();
    float[] a = new float[Math.toIntExact(config.rank() * in)];
    double bound = 1 / Math.sqrt(in);
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) ((2 * random.nextDouble() - 1) * bound);
    }
    NDArray aArray = owned(manager.create(a, new Shape(config.rank(), in)));
    NDArray bArray = manager.zeros(new Shape(out, config.rank()), DataType.FLOAT32);
    NDScope.unregister(bArray);
    NDArray workA = workingCopy(aArray);
    NDArray workB = workingCopy(bArray);
    workA.setRequiresGradient(true);
    workB.setRequiresGradient(true);
    return new Adapter(module, aArray, bArray, workA, workB, in);
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
    Slot slot = enabled ? slots.get(weightName) : null;
    if (slot == null) {
      return output;
    }
    Adapter ad = slot.adapter();
    NDArray low = null;
    if (input == lastInput) {
      low = lastLow.get(ad); // a fused module's next part: same input, same dropout mask
    } else {
      lastInput = input;
      lastLow.clear();
    }
    if (low == null) {
      NDArray x =
          training && config.dropout() > 0
              ? input.getNDArrayInternal().dropout(input, (float) config.dropout(), true).head()
              : input;
      low = linear(x, ad.workA());
      if (ad.module().pieces().size() > 1) {
        lastLow.put(ad, low);
      }
    }
    NDArray b =
        ad.module().pieces().size() == 1
            ? ad.workB()
            : ad.workB().get(new NDIndex("{}:{}", slot.offset(), slot.offset() + slot.rows()));
    return output.add(linear(low, b).mul(scale));
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
   * The adapter matrices as trainable parameters with PEFT's names for the checkpoint's modules
   * ({@code base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight}; Phi-3: {@code
   * ...self_attn.qkv_proj.lora_A.weight}), in model order: the F32 masters, with their F16 working
   * copies when the adapters compute in F16.
   */
  public List<Parameter> parameters() {
    List<Parameter> out = new ArrayList<>();
    adapters.forEach(
        (weight, ad) -> {
          String module = PEFT_PREFIX + ad.module().module();
          out.add(Parameter.mixed(module + ".lora_A.weight", ad.a(), ad.workA()));
          out.add(Parameter.mixed(module + ".lora_B.weight", ad.b(), ad.workB()));
        });
    return out;
  }

  /** The adapted checkpoint weight names (fused names for fused modules), in model order. */
  public List<String> adaptedWeights() {
    return List.copyOf(adapters.keySet());
  }

  /** The adapted modules' projection names as the checkpoint has them (PEFT's target_modules). */
  public List<String> adaptedProjections() {
    Set<String> out = new LinkedHashSet<>();
    adapters.keySet().forEach(n -> out.add(LoraConfig.projection(n)));
    return List.copyOf(out);
  }

  /**
   * {@code W + scale * B A} for an adapted checkpoint weight as a new F32 array (in the current
   * scope), from the F32 masters, or null when the weight has no adapter.
   *
   * @param base the checkpoint's weight W in F32 (for an F16 base, its original values, not the F16
   *     copy the forward pass reads, so that merging does not round the base)
   */
  public NDArray merged(String weightName, NDArray base) {
    NDArray delta = delta(weightName);
    return delta == null ? null : delta.addi(base);
  }

  /**
   * {@code scale * B A} for an adapted checkpoint weight, in the checkpoint's row order, as a new
   * F32 array (in the current scope), or null when the weight has no adapter.
   */
  public NDArray delta(String weightName) {
    Adapter ad = adapters.get(weightName);
    if (ad == null) {
      return null;
    }
    try (NDArray s = Scalars.of(ad.a().getManager(), config.scale(), DataType.FLOAT32)) {
      return checkpointB(weightName).matMul(ad.a()).muli(s);
    }
  }

  /**
   * The F32 master {@code B} of an adapted checkpoint weight with its rows in the checkpoint's
   * order (a new array in the current scope when rows are reordered, else the live master).
   */
  public NDArray checkpointB(String weightName) {
    Adapter ad = adapters.get(weightName);
    if (ad == null) {
      throw new IllegalArgumentException(weightName + " has no adapter");
    }
    return ad.module().inCheckpointOrder(ad.b());
  }

  /** Removes the hook from the model and frees the adapters. */
  @Override
  public void close() {
    model.setProjectionHook(null);
    lastInput = null;
    lastLow.clear();
    manager.close();
  }
}
