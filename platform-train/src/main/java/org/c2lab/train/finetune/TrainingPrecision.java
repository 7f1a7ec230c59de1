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
 * and AdamW's moments are F32 whatever the strategy.
 *
 * <p>Not done: training LoRA over an F16 base. DJL's {@code toType} is not recorded by autograd
 * (checked: no gradient flows through an F16/F32 cast), so F32 adapters cannot be joined to F16
 * activations in the graph; that needs F16 working copies of F32 master adapters.
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
   * LoRA: the frozen base in F32 on every device for now. The memory-saving F16 base (the device's
   * own weight dtype on a GPU) does not train yet (see above), and loading it would only fail later
   * inside autograd; F32 costs twice the base's memory (a 7B base: ~28 GB, within one H200).
   */
  TrainingPrecision FROZEN_BASE = device -> DataType.FLOAT32;

  /** The strategy a run's settings imply. */
  static TrainingPrecision of(TrainingConfig config) {
    return config.full() ? FULL : FROZEN_BASE;
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
