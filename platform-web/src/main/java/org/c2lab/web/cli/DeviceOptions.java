package org.c2lab.web.cli;

import org.c2lab.train.device.ComputeDevice;
import picocli.CommandLine.Option;

/**
 * {@code --device cpu|cuda[:N]} for every command that runs a model: CPU weights are F32, CUDA
 * weights F16 (docs/gpu.md says how to give DJL a CUDA libtorch).
 */
public class DeviceOptions {

  @Option(
      names = "--device",
      defaultValue = "cpu",
      paramLabel = "DEVICE",
      description = "cpu, cuda or cuda:N (default: ${DEFAULT-VALUE}); see docs/gpu.md for CUDA.")
  String device;

  /** The parsed device; {@link IllegalArgumentException} for another spelling. */
  ComputeDevice device() {
    return ComputeDevice.parse(device);
  }
}
