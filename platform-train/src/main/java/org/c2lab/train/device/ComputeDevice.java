package org.c2lab.train.device;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a model runs and what that implies: the DJL device, the dtype weights are loaded in, the
 * memory available. {@link #parse} turns {@code --device} values into one of the two strategies,
 * {@link Cpu} (F32) and {@link Cuda} (F16: DJL's PyTorch engine has no bfloat16, and F32 would
 * double the memory of a 7B model).
 */
public interface ComputeDevice {
  /** The {@code --device} spelling: {@code cpu}, {@code cuda:0}. */
  String id();

  /** The DJL device. */
  Device djl();

  /** The dtype weights and activations have on this device. */
  DataType weightType();

  /** Memory now, when it can be measured. */
  Optional<MemoryStatus> memory();

  /**
   * Throws {@link IllegalStateException} saying what is missing when the engine cannot use this
   * device (e.g. CUDA with a CPU-only libtorch).
   */
  void requireAvailable();

  /** {@code cpu}, {@code cuda} (= {@code cuda:0}) or {@code cuda:N}. */
  static ComputeDevice parse(String spec) {
    if (spec.equals("cpu")) {
      return new Cpu();
    }
    Matcher m = CUDA.matcher(spec);
    if (m.matches()) {
      return new Cuda(m.group(1) == null ? 0 : Integer.parseInt(m.group(1)));
    }
    throw new IllegalArgumentException(
        "device '" + spec + "' is not one of cpu, cuda, cuda:N (N = 0, 1, ...)");
  }

  /** The device for a DJL device: CPU, or CUDA with the GPU's index. */
  static ComputeDevice of(Device device) {
    return device.isGpu() ? new Cuda(device.getDeviceId()) : new Cpu();
  }

  /** Matches {@code cuda} and {@code cuda:N}. */
  Pattern CUDA = Pattern.compile("cuda(?::(\\d{1,3}))?");

  /** The CPU: F32 weights in host memory. */
  record Cpu() implements ComputeDevice {
    @Override
    public String id() {
      return "cpu";
    }

    @Override
    public Device djl() {
      return Device.cpu();
    }

    @Override
    public DataType weightType() {
      return DataType.FLOAT32;
    }

    @Override
    public Optional<MemoryStatus> memory() {
      return Optional.of(HostMemory.status());
    }

    @Override
    public void requireAvailable() {}
  }

  /**
   * A CUDA GPU: F16 weights in its memory. Needs a CUDA build of libtorch 2.7.1 (docs/gpu.md).
   *
   * @param index the GPU's number, 0 for the first
   */
  record Cuda(int index) implements ComputeDevice {
    public Cuda {
      if (index < 0) {
        throw new IllegalArgumentException("GPU index must not be negative: " + index);
      }
    }

    @Override
    public String id() {
      return "cuda:" + index;
    }

    @Override
    public Device djl() {
      return Device.gpu(index);
    }

    @Override
    public DataType weightType() {
      return DataType.FLOAT16;
    }

    @Override
    public Optional<MemoryStatus> memory() {
      try {
        var usage = ai.djl.util.cuda.CudaUtils.getGpuMemory(djl());
        long total = usage.getMax();
        return Optional.of(
            new MemoryStatus(total, Math.max(0, total - usage.getUsed()), "cudaMemGetInfo"));
      } catch (RuntimeException | LinkageError e) {
        return Optional.empty(); // no CUDA runtime: requireAvailable says why
      }
    }

    @Override
    public void requireAvailable() {
      int gpus = PyTorchNatives.gpuCount();
      if (index >= gpus) {
        throw new IllegalStateException(
            id()
                + " requested but the PyTorch engine sees "
                + gpus
                + " GPU(s) (libtorch "
                + PyTorchNatives.version()
                + ", flavor "
                + PyTorchNatives.flavor()
                + "). "
                + PyTorchNatives.CUDA_FIX);
      }
    }
  }
}
