package org.c2lab.train.model.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;
import java.util.Optional;
import org.c2lab.train.device.ComputeDevice;
import org.c2lab.train.device.MemoryStatus;
import org.c2lab.train.model.LocalModel;
import org.c2lab.train.model.MemoryEstimate;
import org.c2lab.train.model.ModelConfig;
import org.c2lab.train.model.NotEnoughMemoryException;
import org.c2lab.train.safetensors.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryCheckTest {
  @TempDir Path dir;

  /** A CPU that reports {@code available} free bytes. */
  private record SmallCpu(long available) implements ComputeDevice {
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
      return Optional.of(new MemoryStatus(1L << 30, available, "test"));
    }

    @Override
    public void requireAvailable() {}
  }

  private Path model() throws Exception {
    return TinyCheckpoints.write(
        dir.resolve("m"),
        new TinyCheckpoints.Spec(32, 2, 4, 2, 48, 40, DType.BF16, false, false, false, 1e4, null),
        1);
  }

  @Test
  void aModelThatDoesNotFitIsRefusedSayingWhatItNeedsAndWhatThereIs() throws Exception {
    Path model = model();
    NotEnoughMemoryException e =
        assertThrows(
            NotEnoughMemoryException.class, () -> LocalModel.open(model, new SmallCpu(1000)));
    assertTrue(e.getMessage().contains(" on cpu needs ~"), e.getMessage());
    assertTrue(e.getMessage().contains("KiB of F32 weights + a 64-position run)"), e.getMessage());
    assertTrue(e.getMessage().endsWith(", 1.0 KiB available (test)"), e.getMessage());
    // 2 layers x (2*32 + 32*32*2 + 16*32*2 + 3*48*32) + 2*40*32 + 32 parameters, 4 bytes each
    assertEquals(4L * (2 * (64 + 2048 + 1024 + 4608) + 2560 + 32), e.estimate().weightsBytes());
    try (LocalModel m = LocalModel.open(model, new SmallCpu(1L << 30))) {
      assertEquals(40, m.nextTokenLogits(new long[] {1, 2}).length);
    }
  }

  @Test
  void theEstimateAddsTheKvCacheAndTheLargestLayerWorkingSet() throws Exception {
    ModelConfig c = ModelConfig.read(model().resolve("config.json"));
    MemoryEstimate f32 = MemoryEstimate.of(c, 1000, DataType.FLOAT32, 16, 2);
    MemoryEstimate f16 = MemoryEstimate.of(c, 1000, DataType.FLOAT16, 16, 2);
    assertEquals(4000, f32.weightsBytes());
    assertEquals(2000, f16.weightsBytes());
    assertEquals(2L * 2 * 2 * 16 * 2 * 8 * 4, f32.kvCacheBytes(), "K and V, 2 layers, 2 rows");
    assertEquals(f32.kvCacheBytes() / 2, f16.kvCacheBytes());
    long scores = 2L * 4 * 16 * 16 * (4 + 4 + 4);
    assertEquals(2L * 16 * (6 * 32 + 3 * 48) * 4 + scores + 2 * 40 * 4, f32.activationBytes());
    assertEquals(f32.weightsBytes() + f32.kvCacheBytes() + f32.activationBytes(), f32.totalBytes());
  }
}
