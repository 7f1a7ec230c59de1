package org.c2lab.train.finetune;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.util.Objects;
import java.util.Optional;
import org.c2lab.train.device.ComputeDevice;
import org.c2lab.train.device.MemoryStatus;

/**
 * The dtype a fine-tuning run loads its base weights in. DJL's PyTorch engine has no bfloat16
 * (shared/docs/djl-notes.md), so the memory-saving choice for a frozen base is F16; LoRA adapters
 * (their F32 masters) and AdamW's moments are F32 whatever the strategy.
 *
 * <p>A LoRA base in F16 trains by mixed precision: the forward and backward passes run in F16 with
 * F16 working copies of the F32 master adapters, RMSNorm, the attention softmax, the logits, the
 * log-softmax and the loss in F32 (the casts between them are recorded by autograd: {@link
 * org.c2lab.train.autograd.Casts}), the loss is scaled dynamically ({@link
 * org.c2lab.train.optim.LossScaler}) and the optimizer updates the masters.
 */
public interface TrainingPrecision {
  /** The dtype of the base weights (and so of the base's activations) on {@code device}. */
  DataType baseType(ComputeDevice device);

  /**
   * Full fine-tuning: every weight is trained, so every weight (and its optimizer state) is F32;
   * F16 weights would lose small updates to rounding.
   */
  TrainingPrecision FULL = device -> DataType.FLOAT32;

  /**
   * LoRA, {@code --base-dtype auto}: the frozen base in the device's own weight dtype, F16 on a GPU
   * (half the memory: a 7B base ~13.5 GB) and F32 on the CPU (where F16 kernels are slower and gain
   * nothing).
   */
  TrainingPrecision FROZEN_BASE = ComputeDevice::weightType;

  /** LoRA, {@code --base-dtype f16}: the frozen base in F16 on any device (CPU: for testing). */
  TrainingPrecision F16_BASE = device -> DataType.FLOAT16;

  /** LoRA, {@code --base-dtype f32}: the frozen base in F32 on any device. */
  TrainingPrecision F32_BASE = device -> DataType.FLOAT32;

  /** The strategy a run's settings imply. */
  static TrainingPrecision of(TrainingConfig config) {
    if (config.full()) {
      return FULL;
    }
    return switch (config.baseDtype()) {
      case "f16" -> F16_BASE;
      case "f32" -> F32_BASE;
      default -> FROZEN_BASE;
    };
  }

  /** {@code device} with its weight dtype replaced by this strategy's base dtype. */
  default ComputeDevice apply(ComputeDevice device) {
    return new Loading(device, baseType(device));
  }

  /** A device that loads weights in {@code type}; everything else is {@code device}'s. */
  record Loading(ComputeDevice device, DataType type) implements ComputeDevice {
    public Loading {
      Objects.requireNonNull(device, "device");
      if (type != DataType.FLOAT32 && type != DataType.FLOAT16) {
        throw new IllegalArgumentException("base weights are F32 or F16, not " + type);
      }
    }

    @Override
    public String id() {
      return device.id();
    }

    @Override
    public Device djl() {
      return device.djl();
    }

    @Override
    public DataType weightType() {
      return type;
    }

    @Override
    public Optional<MemoryStatus> memory() {
      return device.memory();
    }

    @Override
    public void requireAvailable() {
      device.requireAvailable();
    }
  }
}
