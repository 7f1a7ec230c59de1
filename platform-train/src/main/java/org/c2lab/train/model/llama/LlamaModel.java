package org.c2lab.train.model.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.c2lab.train.autograd.Casts;
import org.c2lab.train.model.KvCache;
import org.c2lab.train.model.ModelConfig;
import org.c2lab.train.model.ProjectionHook;
import org.c2lab.train.model.TrainableLm;

/**
 * The Llama forward pass as transformers' {@code LlamaForCausalLM} computes it: token embedding;
 * per layer RMSNorm, q/k/v projections, rotary embedding ({@code rotate_half} over the first {@code
 * rotaryDim} dimensions of each head), grouped-query attention over the cache with a causal
 * (optionally sliding-window) mask applied by {@code where}, output projection, residual, RMSNorm,
 * SwiGLU MLP ({@code down(silu(gate(x)) * up(x))}), residual; final RMSNorm and the vocabulary
 * projection (tied to the embedding when the config says so).
 *
 * <p>Precision: activations have the weights' dtype (F32, or F16 on a GPU); as in transformers,
 * RMSNorm and the attention softmax run in F32 and the logits are returned in F32.
 *
 * <p>Native memory: each call runs in its own {@link NDScope}, so every intermediate array is
 * closed on return; activations are always the left operand, so results belong to the input ids'
 * manager, never to the weights'. Constants (eps, the attention scale, -inf) are native arrays made
 * once: no Java scalar enters an op.
 */
final class LlamaModel implements TrainableLm {
  private final ModelConfig config;
  private final NDManager manager;
  private final NDArray embed;
  private final List<LlamaLayer> layers;
  private final NDArray norm;
  private final NDArray lmHead;
  private final RopeTable rope;
  private final NDArray eps;
  private final NDArray scale;
  private final NDArray negInf;
  private final DataType type;
  private final Integer window;
  private volatile ProjectionHook hook;

  /**
   * @param window positions a query sees, itself included (sliding-window attention), or null
   */
  LlamaModel(
      ModelConfig config,
      NDManager manager,
      NDArray embed,
      List<LlamaLayer> layers,
      NDArray norm,
      NDArray lmHead,
      Integer window) {
    this.config = config;
    this.type = embed.getDataType();
    this.window = window;
    this.manager = manager;
    this.embed = embed;
    this.layers = List.copyOf(layers);
    this.norm = norm;
    this.lmHead = lmHead;
    this.rope = new RopeTable(config, manager, type);
    this.eps = constant((float) config.rmsNormEps());
    this.scale = constant((float) (1.0 / Math.sqrt(config.headDim())));
    this.negInf = constant(Float.NEGATIVE_INFINITY);
  }

  private NDArray constant(float value) {
    NDArray a = manager.full(new Shape(), value, DataType.FLOAT32);
    NDScope.unregister(a);
    return a;
  }

  @Override
  public ModelConfig config() {
    return config;
  }

  @Override
  public KvCache newCache(int batchSize, int capacity) {
    if (batchSize <= 0 || capacity <= 0) {
      throw new IllegalArgumentException("batch " + batchSize + ", capacity " + capacity);
    }
    return new LlamaKvCache(
        manager,
        layers.size(),
        batchSize,
        config.numKeyValueHeads(),
        config.headDim(),
        Math.min(capacity, config.maxPositionEmbeddings()),
        type);
  }

  @Override
  public NDArray forward(NDArray inputIds, KvCache cache, boolean lastOnly) {
    return forward(inputIds, null, cache, lastOnly);
  }

  @Override
  public NDArray forward(NDArray inputIds, int[] leftPadding, KvCache cache, boolean lastOnly) {
    Shape shape = inputIds.getShape();
    if (shape.dimension() != 2 || shape.get(1) == 0) {
      throw new IllegalArgumentException("input ids must be [batch, tokens > 0], got " + shape);
    }
    int batch = (int) shape.get(0);
    int tokens = (int) shape.get(1);
    LlamaKvCache kv = null;
    if (cache != null) {
      if (!(cache instanceof LlamaKvCache k) || cache.batchSize() != batch) {
        throw new IllegalArgumentException("cache is not a " + batch + "-row cache of this model");
      }
      kv = k;
      kv.checkRoom(tokens);
    }
    int past = kv == null ? 0 : kv.length();
    boolean padded = checkPadding(leftPadding, batch, past + tokens);
    NDArray logits;
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray ids =
          inputIds.getDataType() == DataType.INT64
              ? inputIds
              : inputIds.toType(DataType.INT64, false);
      NDArray x =
          ids.getNDArrayInternal().embedding(ids, embed, SparseFormat.DENSE).singletonOrThrow();
      NDManager m = ids.getManager();
      NDArray[] cosSin =
          padded
              ? rope.rows(positions(m, leftPadding, past, tokens), past + tokens)
              : rope.slice(past, past + tokens);
      NDArray allowed = mask(m, past, tokens);
      if (padded) {
        allowed = withoutPadding(m, allowed, leftPadding, past, tokens);
      }
      // DJL's where() does not broadcast its condition: expand the mask (a view) to the scores.
      NDArray mask = allowed;
      if (mask != null) {
        mask = mask.broadcast(batch, config.numAttentionHeads(), tokens, past + tokens);
      }
      for (int l = 0; l < layers.size(); l++) {
        x = layer(l, x, cosSin, mask, kv, past, batch, tokens);
      }
      if (kv != null) {
        kv.advance(tokens);
      }
      x = rmsNorm(x, norm);
      if (lastOnly) {
        x = x.get(new NDIndex(":, {}, :", tokens - 1));
      }
      logits = as(linear(x, lmHead, null), DataType.FLOAT32);
      NDScope.unregister(logits);
    }
    NDScope.register(logits); // hand it to the caller's scope, if there is one
    return logits;
  }

  private NDArray layer(
      int index,
      NDArray x,
      NDArray[] cosSin,
      NDArray mask,
      LlamaKvCache kv,
      int past,
      int batch,
      int tokens) {
    LlamaLayer w = layers.get(index);
    int heads = config.numAttentionHeads();
    int kvHeads = config.numKeyValueHeads();
    int d = config.headDim();

    NDArray h = rmsNorm(x, w.inputNorm());
    NDArray q = heads(project(h, w.q(), w.qBias()), batch, tokens, heads, d);
    NDArray k = heads(project(h, w.k(), w.kBias()), batch, tokens, kvHeads, d);
    NDArray v = heads(project(h, w.v(), w.vBias()), batch, tokens, kvHeads, d);
    q = rotate(q, cosSin);
    k = rotate(k, cosSin);
    if (kv != null) {
      kv.write(index, k, v);
      NDArray[] all = kv.read(index, past + tokens);
      k = all[0];
      v = all[1];
    }
    if (config.groupSize() > 1) {
      // Each key/value head serves groupSize consecutive query heads (transformers' repeat_kv).
      k = k.repeat(1, config.groupSize());
      v = v.repeat(1, config.groupSize());
    }
    NDArray scores = as(q.matMul(k.transpose(0, 1, 3, 2)).mul(scale), DataType.FLOAT32);
    if (mask != null) {
      scores = NDArrays.where(mask, scores, negInf);
    }
    NDArray attention =
        as(scores.softmax(-1), type)
            .matMul(v)
            .transpose(0, 2, 1, 3)
            .reshape(batch, tokens, heads * d);
    x = x.add(project(attention, w.o(), w.oBias()));

    h = rmsNorm(x, w.postNorm());
    NDArray gate = project(h, w.gate(), null);
    NDArray silu = gate.mul(Activation.sigmoid(gate));
    return x.add(project(silu.mul(project(h, w.up(), null)), w.down(), null));
  }

  /** {@code [batch, tokens, heads * d]} to {@code [batch, heads, tokens, d]}. */
  private static NDArray heads(NDArray x, int batch, int tokens, int heads, int d) {
    return x.reshape(batch, tokens, heads, d).transpose(0, 2, 1, 3);
  }

  /** Rotates the first rotaryDim dimensions of each head; the others pass unchanged. */
  private NDArray rotate(NDArray x, NDArray[] cosSin) {
    int r = config.rotaryDim();
    if (r == config.headDim()) {
      return rotateHalf(x, cosSin);
    }
    NDArray turned = rotateHalf(x.get(new NDIndex("..., :{}", r)), cosSin);
    return NDArrays.concat(new NDList(turned, x.get(new NDIndex("..., {}:", r))), -1);
  }

  /** {@code x * cos + rotate_half(x) * sin}, rotate_half(x) = [-x2, x1] over the halves of x. */
  private static NDArray rotateHalf(NDArray x, NDArray[] cosSin) {
    long half = x.getShape().get(3) / 2;
    NDArray first = x.get(new NDIndex("..., :{}", half));
    NDArray second = x.get(new NDIndex("..., {}:", half));
    NDArray rotated = NDArrays.concat(new NDList(second.neg(), first), -1);
    return x.mul(cosSin[0]).add(rotated.mul(cosSin[1]));
  }

  /** In F32 whatever the model's dtype, as transformers' LlamaRMSNorm. */
  private NDArray rmsNorm(NDArray x, NDArray weight) {
    int last = x.getShape().dimension() - 1;
    NDArray wide = as(x, DataType.FLOAT32);
    NDArray rms = wide.square().mean(new int[] {last}, true).add(eps).sqrt();
    return as(wide.div(rms), type).mul(weight);
  }

  /**
   * {@code a} as {@code target}, itself when it already is; recorded by autograd (DJL's {@code
   * toType} is not), so an F16 model trains through its F32 norms, softmax and logits.
   */
  private static NDArray as(NDArray a, DataType target) {
    return Casts.to(a, target);
  }

  /** A decoder projection {@code x W^T + b}, passed through the hook when one is installed. */
  private NDArray project(NDArray x, NDArray weight, NDArray bias) {
    NDArray y = linear(x, weight, bias);
    ProjectionHook h = hook;
    return h == null ? y : h.apply(weight.getName(), x, y);
  }

  /** {@code x W^T + b}, owned by x's manager. */
  private static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
    return x.getNDArrayInternal().linear(x, weight, bias).singletonOrThrow();
  }

  /**
   * {@code [tokens, past + tokens]}: query i (at position past + i) sees keys 0..past + i, and with
   * a window only the last {@code window} of them (key j when {@code j > past + i - window}, as
   * transformers' sliding-window mask). Null when every query sees every key.
   */
  private NDArray mask(NDManager m, int past, int tokens) {
    int keys = past + tokens;
    boolean windowed = window != null && keys > window;
    if (tokens == 1 && !windowed) {
      return null;
    }
    NDArray rows = m.arange(past, keys).reshape(tokens, 1);
    NDArray visible = m.arange(0, keys).reshape(1, keys).lte(rows);
    if (windowed) {
      // j + window > i, with j + window made by arange: no Java scalar enters an op.
      visible = visible.logicalAnd(m.arange(window, keys + window).reshape(1, keys).gt(rows));
    }
    return visible;
  }

  /** Whether any row is padded; rejects a padding array that does not fit the batch. */
  private static boolean checkPadding(int[] leftPadding, int batch, int length) {
    if (leftPadding == null) {
      return false;
    }
    if (leftPadding.length != batch) {
      throw new IllegalArgumentException(
          leftPadding.length + " padding entries for " + batch + " rows");
    }
    boolean any = false;
    for (int pad : leftPadding) {
      if (pad < 0 || pad >= length) {
        throw new IllegalArgumentException(
            "left padding " + pad + " outside [0, " + length + ") positions");
      }
      any |= pad > 0;
    }
    return any;
  }

  /** {@code [batch, tokens]} rotary positions: sequence index minus the row's padding, >= 0. */
  private static NDArray positions(NDManager m, int[] leftPadding, int past, int tokens) {
    long[] p = new long[leftPadding.length * tokens];
    for (int b = 0; b < leftPadding.length; b++) {
      for (int i = 0; i < tokens; i++) {
        p[b * tokens + i] = Math.max(0, past + i - leftPadding[b]);
      }
    }
    return m.create(p, new Shape(leftPadding.length, tokens));
  }

  /**
   * {@code [batch, 1, tokens, past + tokens]}: {@code visible} ({@code [tokens, past + tokens]},
   * null when all is visible) without row b's padding keys j < leftPadding[b]. A padding query
   * still sees itself, so that no softmax row is empty (an empty row is NaN, and NaN keys would
   * poison real rows through 0 * NaN in the value product).
   */
  private static NDArray withoutPadding(
      NDManager m, NDArray visible, int[] leftPadding, int past, int tokens) {
    int keys = past + tokens;
    long[] pads = new long[leftPadding.length];
    for (int b = 0; b < pads.length; b++) {
      pads[b] = leftPadding[b];
    }
    NDArray rows = m.arange(past, keys).toType(DataType.INT64, false).reshape(1, 1, tokens, 1);
    NDArray cols = m.arange(0, keys).toType(DataType.INT64, false).reshape(1, 1, 1, keys);
    NDArray pad = m.create(pads, new Shape(pads.length, 1, 1, 1));
    NDArray allowed = cols.gte(pad).logicalOr(cols.eq(rows));
    return visible == null ? allowed : allowed.logicalAnd(visible.reshape(1, 1, tokens, keys));
  }

  @Override
  public Map<String, NDArray> parameters() {
    Map<String, NDArray> out = new LinkedHashMap<>();
    out.put(embed.getName(), embed);
    for (LlamaLayer layer : layers) {
      layer.weights().forEach(w -> out.put(w.getName(), w));
    }
    out.put(norm.getName(), norm);
    out.putIfAbsent(lmHead.getName(), lmHead); // tied: the embedding, already listed
    return out;
  }

  @Override
  public void setProjectionHook(ProjectionHook hook) {
    this.hook = hook;
  }

  @Override
  public void close() {
    manager.close();
  }
}
