package org.c2lab.train.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.c2lab.train.lora.LoraAdapters;
import org.c2lab.train.lora.LoraConfig;
import org.c2lab.train.model.LocalModel;
import org.c2lab.train.model.TrainableLm;
import org.c2lab.train.optim.Parameter;

/**
 * A model being fine-tuned: either every F32 weight trainable (full fine-tuning), or the base
 * frozen with LoRA adapters on it. The policy and, for LoRA, its reference (adapters off) are the
 * same network.
 */
public final class FineTunedModel implements AutoCloseable {
  private final LocalModel base;
  private final TrainableLm network;
  private final LoraAdapters lora;
  private final List<Parameter> parameters;

  private FineTunedModel(
      LocalModel base, TrainableLm network, LoraAdapters lora, List<Parameter> parameters) {
    this.base = base;
    this.network = network;
    this.lora = lora;
    this.parameters = List.copyOf(parameters);
  }

  /** Full fine-tuning of {@code base} (F32): every weight requires gradients. */
  public static FineTunedModel full(LocalModel base) {
    TrainableLm network = trainable(base);
    if (baseType(network) != DataType.FLOAT32) {
      throw new IllegalArgumentException(
          "full fine-tuning needs F32 weights, not " + baseType(network));
    }
    List<Parameter> params = new ArrayList<>();
    for (Map.Entry<String, NDArray> e : network.parameters().entrySet()) {
      e.getValue().setRequiresGradient(true);
      params.add(Parameter.of(e.getKey(), e.getValue()));
    }
    return new FineTunedModel(base, network, null, params);
  }

  /**
   * LoRA on a frozen {@code base}, adapters initialised from {@code seed}: F32 adapters on an F32
   * base; on an F16 base, F32 masters with F16 working copies (mixed precision).
   */
  public static FineTunedModel lora(LocalModel base, LoraConfig config, long seed) {
    TrainableLm network = trainable(base);
    LoraAdapters adapters =
        LoraAdapters.attach(
            network,
            config,
            base.manager(),
            seed,
            baseType(network),
            base.family().runtimeLayout(base.config()));
    return new FineTunedModel(base, network, adapters, adapters.parameters());
  }

  /** The dtype the network computes in: its embedding's. */
  private static DataType baseType(TrainableLm network) {
    return network.parameters().values().iterator().next().getDataType();
  }

  /** The base weights' dtype (F32, or F16 for a mixed-precision LoRA base). */
  public DataType baseType() {
    return baseType(network);
  }

  /** Whether the forward pass runs in F16 (and so the loss needs scaling). */
  public boolean halfPrecision() {
    return baseType() == DataType.FLOAT16;
  }

  private static TrainableLm trainable(LocalModel base) {
    Objects.requireNonNull(base, "base");
    if (!(base.network() instanceof TrainableLm t)) {
      throw new IllegalArgumentException(
          "the " + base.family().name() + " family does not support training yet");
    }
    return t;
  }

  /** The loaded base model folder. */
  public LocalModel base() {
    return base;
  }

  /** The network the policy runs on. */
  public TrainableLm network() {
    return network;
  }

  /** What the optimizer updates. */
  public List<Parameter> parameters() {
    return parameters;
  }

  /** The adapters, when this is LoRA. */
  public Optional<LoraAdapters> lora() {
    return Optional.ofNullable(lora);
  }

  /** Training mode (LoRA dropout on) or evaluation mode. */
  public void setTraining(boolean training) {
    if (lora != null) {
      lora.setTraining(training);
    }
  }

  /** Frees the adapters (the base model is the caller's). */
  @Override
  public void close() {
    if (lora != null) {
      lora.close();
    }
  }
}
