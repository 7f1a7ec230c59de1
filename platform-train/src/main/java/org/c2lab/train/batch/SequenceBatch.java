package org.c2lab.train.batch;

import java.util.Arrays;
import java.util.List;

/**
 * Sequences padded on the right into one {@code [rows, width]} block, with the positions whose next
 * token is a response token marked. Right padding needs no attention mask in a causal model: no
 * real position ever attends to a later pad.
 */
public final class SequenceBatch {
  private final int rows;
  private final int width;
  private final long[] ids;
  private final boolean[] labelMask;
  private final int[] responseTokens;
  private final long tokens;

  /** Pads {@code sequences} with {@code padId} (any valid id: pads are never scored). */
  public SequenceBatch(List<TokenizedSequence> sequences, int padId) {
    if (sequences.isEmpty()) {
      throw new IllegalArgumentException("a batch needs at least one sequence");
    }
    this.rows = sequences.size();
    this.width = sequences.stream().mapToInt(TokenizedSequence::length).max().orElseThrow();
    this.ids = new long[rows * width];
    this.labelMask = new boolean[rows * (width - 1)];
    this.responseTokens = new int[rows];
    long real = 0;
    for (int r = 0; r < rows; r++) {
      TokenizedSequence s = sequences.get(r);
      real += s.length();
      long[] seq = s.ids();
      Arrays.fill(ids, r * width, (r + 1) * width, padId);
      System.arraycopy(seq, 0, ids, r * width, seq.length);
      int promptLength = seq.length - s.response().length;
      // Position t predicts token t + 1: the labels of response tokens sit at promptLength - 1 ..
      for (int t = promptLength - 1; t < seq.length - 1; t++) {
        labelMask[r * (width - 1) + t] = true;
      }
      responseTokens[r] = s.response().length;
    }
    this.tokens = real;
  }

  /** Rows. */
  public int rows() {
    return rows;
  }

  /** Padded length. */
  public int width() {
    return width;
  }

  /** Token ids, row-major {@code [rows, width]} (a copy). */
  public long[] ids() {
    return ids.clone();
  }

  /** Row-major {@code [rows, width - 1]}: whether position t's next token is a response token. */
  public boolean[] labelMask() {
    return labelMask.clone();
  }

  /** Response tokens per row. */
  public int[] responseTokens() {
    return responseTokens.clone();
  }

  /** Real (non-pad) tokens in the batch. */
  public long tokens() {
    return tokens;
  }
}
