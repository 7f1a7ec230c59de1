package org.c2lab.train.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.c2lab.train.optim.AdamW;
import org.c2lab.train.optim.LossScaler;
import org.c2lab.train.optim.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mixed-precision state in checkpoints: F32 masters, refreshed F16 copies, the loss scaler. */
class CheckpointStoreTest {
  @TempDir Path dir;

  @Test
  void mastersAndTheLossScalerRoundTripAndWorkingCopiesAreRefreshed() throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray master = m.create(new float[] {1.0001f, -2.5f, 3.25f, 0.1f}, new Shape(2, 2));
      NDArray working = master.toType(DataType.FLOAT16, true);
      Parameter p = Parameter.mixed("w", master, working);
      CheckpointStore store = new CheckpointStore(dir, 2);
      LossScaler scaler = LossScaler.dynamic(LossScaler.Settings.TORCH);
      scaler.restore(new LossScaler.State(1024, 5, 3));
      try (AdamW adam = new AdamW(List.of(p), AdamW.Settings.DEFAULT, m)) {
        store.save(4, adam, scaler, new ObjectMapper().createObjectNode());
      }
      float[] saved = master.toFloatArray();
      master.set(new ai.djl.ndarray.index.NDIndex(":"), m.zeros(new Shape(2, 2)));
      working.set(
          new ai.djl.ndarray.index.NDIndex(":"), m.zeros(new Shape(2, 2), DataType.FLOAT16));
      LossScaler fresh = LossScaler.dynamic(LossScaler.Settings.TORCH);
      try (AdamW adam = new AdamW(List.of(p), AdamW.Settings.DEFAULT, m)) {
        store.restore(store.latest().orElseThrow(), adam, fresh);
      }
      assertArrayEquals(saved, master.toFloatArray()); // F32 exactly, not rounded to F16
      assertArrayEquals(
          master.toType(DataType.FLOAT16, true).toFloatArray(), working.toFloatArray());
      assertEquals(new LossScaler.State(1024, 5, 3), fresh.state());
    }
  }

  @Test
  void aScalingRunRefusesACheckpointWithoutScalerState() throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray w = m.ones(new Shape(2));
      Parameter p = Parameter.of("w", w);
      CheckpointStore store = new CheckpointStore(dir, 1);
      try (AdamW adam = new AdamW(List.of(p), AdamW.Settings.DEFAULT, m)) {
        store.save(1, adam, new ObjectMapper().createObjectNode());
        LossScaler scaler = LossScaler.dynamic(LossScaler.Settings.TORCH);
        assertThrows(
            IOException.class, () -> store.restore(store.latest().orElseThrow(), adam, scaler));
      }
    }
  }
}
