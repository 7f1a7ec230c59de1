package org.c2lab.train.llama2c;

/**
 * llama2.c (like Meta's original Llama code) rotates ADJACENT pairs of each head, (x0, x1), (x2,
 * x3), ...; Hugging Face's Llama rotates the first half of a head against the second half ({@code
 * rotate_half}). Reordering the rows of the query and key projections turns one into the other:
 * within each head, row {@code 2i + j} moves to row {@code j * headSize/2 + i}. This is
 * transformers' {@code convert_llama_weights_to_hf.permute}: {@code w.view(heads, headSize/2, 2,
 * cols).transpose(1, 2).reshape(rows, cols)}. Attention scores are unchanged because queries and
 * keys are permuted alike and dot products are order-independent.
 */
public final class RotaryPermutation {
  private RotaryPermutation() {}

  /**
   * Returns the row-major {@code [heads * headSize, cols]} matrix {@code w} with each head's rows
   * reordered from interleaved pairs to halves.
   */
  public static float[] interleavedToHalves(float[] w, int heads, int cols) {
    if (heads <= 0 || cols <= 0 || w.length % (heads * cols) != 0) {
      throw new IllegalArgumentException(
          "matrix of " + w.length + " values is not [heads=" + heads + " x k, cols=" + cols + "]");
    }
    int headSize = w.length / cols / heads;
    if (headSize % 2 != 0) {
      throw new IllegalArgumentException("head size " + headSize + " is odd");
    }
    int half = headSize / 2;
    float[] out = new float[w.length];
    for (int h = 0; h < heads; h++) {
      int base = h * headSize;
      for (int i = 0; i < half; i++) {
        for (int j = 0; j < 2; j++) {
          int from = base + 2 * i + j;
          int to = base + j * half + i;
          System.arraycopy(w, from * cols, out, to * cols, cols);
        }
      }
    }
    return out;
  }
}
