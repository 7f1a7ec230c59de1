package org.c2lab.train.llama2c;

/**
 * The seven int32 of a legacy (version 0) llama2.c checkpoint header.
 *
 * @param dim model width
 * @param hiddenDim MLP width
 * @param layers decoder layers
 * @param heads query heads
 * @param kvHeads key/value heads
 * @param vocabSize vocabulary size (the file stores it negated when the classifier is not shared)
 * @param sharedClassifier whether the output projection is the embedding matrix
 * @param seqLen maximum sequence length
 */
public record Llama2cHeader(
    int dim,
    int hiddenDim,
    int layers,
    int heads,
    int kvHeads,
    int vocabSize,
    boolean sharedClassifier,
    int seqLen) {

  /** Header size in bytes. */
  public static final int BYTES = 7 * 4;

  public Llama2cHeader {
    require(dim > 0 && hiddenDim > 0 && layers > 0 && heads > 0 && kvHeads > 0, "sizes");
    require(vocabSize > 0 && seqLen > 0, "vocab_size and seq_len");
    require(dim % heads == 0, "n_heads " + heads + " dividing dim " + dim);
    require(heads % kvHeads == 0, "n_kv_heads " + kvHeads + " dividing n_heads " + heads);
    require((dim / heads) % 2 == 0, "an even head size (dim / n_heads)");
  }

  private static void require(boolean ok, String what) {
    if (!ok) {
      throw new IllegalArgumentException("llama2.c header needs positive " + what);
    }
  }

  /** Per-head size. */
  public int headSize() {
    return dim / heads;
  }

  /** Rows of the key and value projections. */
  public int kvDim() {
    return headSize() * kvHeads;
  }
}
