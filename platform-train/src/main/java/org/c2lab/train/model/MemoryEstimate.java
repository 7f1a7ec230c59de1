package org.c2lab.train.model;

import ai.djl.ndarray.types.DataType;

/**
 * A rough estimate of the memory a model needs to run: its weights, a KV cache for {@code batch}
 * rows of {@code context} positions, and the largest working set of one forward pass over them (a
 * prefill of the whole context, one layer at a time). Rough on purpose: allocator slack, libtorch's
 * own buffers and the JVM are not counted, so leave some headroom.
 *
 * <p>Activations of one layer's prefill: about six hidden-size tensors (residual, norm, q, k, v,
 * attention output), three intermediate-size ones (gate, up, their product), the attention scores
 * {@code [batch, heads, context, context]} in the model's dtype plus the F32 copy and softmax, and
 * the last position's F32 logits.
 *
 * @param type the dtype of weights and activations (F32 on CPU, F16 on GPU)
 * @param context positions per row
 * @param batch rows
 * @param weightsBytes parameters times the dtype's size
 * @param kvCacheBytes keys and values of every layer
 * @param activationBytes the largest per-layer working set
 */
public record MemoryEstimate(
    DataType type,
    int context,
    int batch,
    long weightsBytes,
    long kvCacheBytes,
    long activationBytes) {

  public MemoryEstimate {
    if (context <= 0 || batch <= 0) {
      throw new IllegalArgumentException("context and batch must be positive");
    }
  }

  /** The estimate for {@code parameters} weights of {@code config} run as {@code type}. */
  public static MemoryEstimate of(
      ModelConfig config, long parameters, DataType type, int context, int batch) {
    long b = type.getNumOfBytes();
    long rows = (long) batch * context;
    long kv =
        2L * config.numHiddenLayers() * rows * config.numKeyValueHeads() * config.headDim() * b;
    long scores = (long) batch * config.numAttentionHeads() * context * context * (b + 4 + 4);
    long activations =
        rows * (6L * config.hiddenSize() + 3L * config.intermediateSize()) * b
            + scores
            + (long) batch * config.vocabSize() * 4;
    return new MemoryEstimate(type, context, batch, parameters * b, kv, activations);
  }

  /** Weights, cache and activations together. */
  public long totalBytes() {
    return weightsBytes + kvCacheBytes + activationBytes;
  }
}
