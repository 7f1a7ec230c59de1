package org.c2lab.train.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import org.c2lab.train.device.ComputeDevice;
import org.c2lab.train.lora.LoraConfig;
import org.junit.jupiter.api.Test;

/** Which dtype a run's base weights load in, per strategy and device. */
class TrainingPrecisionTest {
  private static final ComputeDevice CPU = new ComputeDevice.Cpu();
  private static final ComputeDevice GPU = new ComputeDevice.Cuda(0);

  private static TrainingConfig.Builder config() {
    return TrainingConfig.builder(Path.of("m"), Path.of("o"));
  }

  @Test
  void fullFineTuningIsF32EvenOnAGpu() {
    TrainingPrecision p = TrainingPrecision.of(config().full().build());
    assertEquals(DataType.FLOAT32, p.baseType(GPU));
    assertEquals(DataType.FLOAT32, p.baseType(CPU));
  }

  @Test
  void aFrozenLoraBaseIsF16OnAGpuAndF32OnTheCpuByDefault() {
    TrainingPrecision p = TrainingPrecision.of(config().lora(LoraConfig.DEFAULT).build());
    assertEquals(DataType.FLOAT16, p.baseType(GPU));
    assertEquals(DataType.FLOAT32, p.baseType(CPU));
  }

  @Test
  void theBaseDtypeOptionOverridesTheDevicesChoiceForLoraOnly() {
    TrainingPrecision f16 =
        TrainingPrecision.of(config().lora(LoraConfig.DEFAULT).baseDtype("f16").build());
    assertEquals(DataType.FLOAT16, f16.baseType(CPU));
    assertEquals(DataType.FLOAT16, f16.baseType(GPU));
    TrainingPrecision f32 =
        TrainingPrecision.of(config().lora(LoraConfig.DEFAULT).baseDtype("f32").build());
    assertEquals(DataType.FLOAT32, f32.baseType(GPU));
    assertEquals(
        DataType.FLOAT32,
        TrainingPrecision.of(config().full().baseDtype("f32").build()).baseType(GPU));
    assertThrows(IllegalArgumentException.class, () -> config().full().baseDtype("f16").build());
    assertThrows(
        IllegalArgumentException.class,
        () -> config().lora(LoraConfig.DEFAULT).baseDtype("bf16").build());
  }

  @Test
  void applyingAStrategyChangesOnlyTheWeightDtype() {
    ComputeDevice loading = TrainingPrecision.FULL.apply(GPU);
    assertEquals(DataType.FLOAT32, loading.weightType());
    assertEquals(GPU.id(), loading.id());
    assertEquals(GPU.djl(), loading.djl());
    assertThrows(
        IllegalArgumentException.class, () -> new TrainingPrecision.Loading(CPU, DataType.FLOAT64));
  }
}
