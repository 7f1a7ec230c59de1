package org.c2lab.train.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** F16/F32 casts that autograd records (DJL's toType does not) and give toType's values. */
class CastsTest {

  @Test
  void castsGiveToTypesValues() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.randomNormal(new Shape(3, 5)).muli(m.full(new Shape(), 100f));
      NDArray narrow = Casts.to(x, DataType.FLOAT16);
      assertEquals(DataType.FLOAT16, narrow.getDataType());
      assertArrayEquals(x.toType(DataType.FLOAT16, true).toFloatArray(), narrow.toFloatArray());
      NDArray wide = Casts.to(narrow, DataType.FLOAT32);
      assertEquals(DataType.FLOAT32, wide.getDataType());
      assertArrayEquals(narrow.toFloatArray(), wide.toFloatArray());
      NDArray scalar =
          Casts.to(m.full(new Shape(), 1.5f).toType(DataType.FLOAT16, true), DataType.FLOAT32);
      assertEquals(new Shape(), scalar.getShape());
      assertEquals(1.5f, scalar.getFloat());
    }
  }

  @Test
  void gradientsFlowThroughBothCasts() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray w16 = m.randomNormal(new Shape(4, 3)).toType(DataType.FLOAT16, true);
      NDArray w32 = m.randomNormal(new Shape(4, 3));
      w16.setRequiresGradient(true);
      w32.setRequiresGradient(true);
      try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
        // F16 weight -> F32 (widened), F32 weight -> F16 -> F32: loss = sum(w16^2) + sum(w32^2)
        NDArray a = Casts.to(w16, DataType.FLOAT32);
        NDArray b = Casts.to(Casts.to(w32, DataType.FLOAT16), DataType.FLOAT32);
        c.backward(a.mul(a).sum().add(b.mul(b).sum()));
      }
      NDArray g16 = Gradients.of(w16);
      NDArray g32 = Gradients.of(w32);
      assertNotNull(g16);
      assertNotNull(g32);
      assertEquals(DataType.FLOAT16, g16.getDataType());
      assertEquals(DataType.FLOAT32, g32.getDataType());
      float[] want16 = w16.toFloatArray();
      float[] got16 = g16.toFloatArray();
      for (int i = 0; i < want16.length; i++) {
        assertEquals(2 * want16[i], got16[i], 1e-2 * Math.max(1, Math.abs(want16[i])));
      }
      float[] want32 = w32.toFloatArray();
      float[] got32 = g32.toFloatArray();
      for (int i = 0; i < want32.length; i++) {
        assertEquals(2 * want32[i], got32[i], 2e-3 * Math.max(1, Math.abs(want32[i])));
      }
    }
  }
}
