package org.c2lab.train.llama2c;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RotaryPermutationTest {

  @Test
  void oneHeadOfFourRowsSwapsTheMiddleRows() {
    // Rows r0..r3 hold pairs (r0, r1), (r2, r3); halves order is r0, r2 | r1, r3.
    float[] w = {0, 0, 1, 1, 2, 2, 3, 3}; // [4 rows, 2 cols]
    assertArrayEquals(
        new float[] {0, 0, 2, 2, 1, 1, 3, 3}, RotaryPermutation.interleavedToHalves(w, 1, 2));
  }

  @Test
  void eachHeadIsPermutedOnItsOwn() {
    float[] w = {0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15}; // 2 heads of 6 rows, 1 col
    assertArrayEquals(
        new float[] {0, 2, 4, 1, 3, 5, 10, 12, 14, 11, 13, 15},
        RotaryPermutation.interleavedToHalves(w, 2, 1));
  }

  @Test
  void matchesTheTorchViewTransposeReshapeDefinition() {
    int heads = 3;
    int headSize = 8;
    int cols = 5;
    float[] w = new float[heads * headSize * cols];
    for (int i = 0; i < w.length; i++) {
      w[i] = i;
    }
    float[] out = RotaryPermutation.interleavedToHalves(w, heads, cols);
    // w.view(heads, headSize/2, 2, cols).transpose(1, 2): out[h][j][i][c] = w[h][i][j][c]
    for (int h = 0; h < heads; h++) {
      for (int j = 0; j < 2; j++) {
        for (int i = 0; i < headSize / 2; i++) {
          for (int c = 0; c < cols; c++) {
            int outIndex = ((h * 2 + j) * (headSize / 2) + i) * cols + c;
            int inIndex = ((h * (headSize / 2) + i) * 2 + j) * cols + c;
            assertEquals(w[inIndex], out[outIndex]);
          }
        }
      }
    }
  }

  /** Interleaved rotation (llama2.c): pairs (x[2i], x[2i+1]). */
  private static float[] ropeInterleaved(float[] x, int headSize, int pos) {
    float[] y = x.clone();
    for (int h = 0; h < x.length / headSize; h++) {
      for (int i = 0; i < headSize / 2; i++) {
        double a = pos * Math.pow(10000, -2.0 * i / headSize);
        int k = h * headSize + 2 * i;
        y[k] = (float) (x[k] * Math.cos(a) - x[k + 1] * Math.sin(a));
        y[k + 1] = (float) (x[k] * Math.sin(a) + x[k + 1] * Math.cos(a));
      }
    }
    return y;
  }

  /** rotate_half rotation (Hugging Face): pairs (x[i], x[i + headSize/2]). */
  private static float[] ropeHalves(float[] x, int headSize, int pos) {
    float[] y = x.clone();
    int half = headSize / 2;
    for (int h = 0; h < x.length / headSize; h++) {
      for (int i = 0; i < half; i++) {
        double a = pos * Math.pow(10000, -2.0 * i / headSize);
        int k = h * headSize + i;
        y[k] = (float) (x[k] * Math.cos(a) - x[k + half] * Math.sin(a));
        y[k + half] = (float) (x[k] * Math.sin(a) + x[k + half] * Math.cos(a));
      }
    }
    return y;
  }

  private static float[] matVec(float[] w, float[] x) {
    float[] y = new float[w.length / x.length];
    for (int r = 0; r < y.length; r++) {
      for (int c = 0; c < x.length; c++) {
        y[r] += w[r * x.length + c] * x[c];
      }
    }
    return y;
  }

  @Test
  void permutedProjectionUnderRotateHalfEqualsOriginalUnderInterleavedRotation() {
    Random rnd = new Random(7);
    int heads = 2;
    int headSize = 8;
    int dim = heads * headSize;
    float[] wq = new float[dim * dim];
    float[] x = new float[dim];
    for (int i = 0; i < wq.length; i++) {
      wq[i] = (float) rnd.nextGaussian();
    }
    for (int i = 0; i < dim; i++) {
      x[i] = (float) rnd.nextGaussian();
    }
    float[] permuted = RotaryPermutation.interleavedToHalves(wq, heads, dim);
    for (int pos : new int[] {0, 1, 5, 77}) {
      float[] llama2c = ropeInterleaved(matVec(wq, x), headSize, pos);
      float[] hf = ropeHalves(matVec(permuted, x), headSize, pos);
      // The rotated Hugging Face vector is the rotated llama2.c vector with rows permuted alike.
      assertArrayEquals(
          RotaryPermutation.interleavedToHalves(llama2c, heads, 1), hf, 1e-4f, "pos " + pos);
    }
  }

  @Test
  void oddHeadSizeIsRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> RotaryPermutation.interleavedToHalves(new float[6], 2, 1));
  }
}
