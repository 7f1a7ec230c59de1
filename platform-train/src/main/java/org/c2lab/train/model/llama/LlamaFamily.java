package org.c2lab.train.model.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.c2lab.train.model.CausalLm;
import org.c2lab.train.model.ConfigException;
import org.c2lab.train.model.DerivedTensors;
import org.c2lab.train.model.DerivedTensors.Part;
import org.c2lab.train.model.ModelConfig;
import org.c2lab.train.model.ModelDimensions;
import org.c2lab.train.model.ModelFamily;
import org.c2lab.train.model.NativeWeights;
import org.c2lab.train.model.RotaryEmbedding;
import org.c2lab.train.model.StoredTensor;
import org.c2lab.train.safetensors.TensorSource;

/**
 * Llama ({@code LlamaForCausalLM}): Llama 2, Vicuna, Llama 3 (GQA, {@code llama3} rope scaling).
 * Related families subclass it and override only the hooks where they differ: {@link
 * #architectures()}, {@link #projectionBias} (Qwen2: biases on q/k/v only), {@link #fusions}
 * (Phi-3: fused {@code qkv_proj} and {@code gate_up_proj}), {@link #rotaryPairs} (GLM: interleaved
 * pairs), {@link #attentionWindow} (Mistral: sliding window) and {@link #initialSettings} (what
 * {@code model init} writes into config.json).
 */
public class LlamaFamily implements ModelFamily {

  /** The projections of an attention block, for {@link #projectionBias}. */
  protected enum Projection {
    Q,
    K,
    V,
    O
  }

  /** Which dimensions of a head the rotary embedding turns together. */
  protected enum RotaryPairs {
    /** Dimension i with i + rotaryDim/2 ({@code rotate_half}; Llama, Qwen2, Mistral, Phi-3). */
    HALVES,
    /** Dimension 2i with 2i + 1 (GLM, GPT-J). */
    INTERLEAVED
  }

  /**
   * A weight that a checkpoint stores fused: its name after {@code model.layers.N.} and the Llama
   * tensors it stacks along the rows, in order.
   */
  protected record Fusion(String fused, List<Part> parts) {
    public Fusion {
      parts = List.copyOf(parts);
    }
  }

  @Override
  public String name() {
    return "llama";
  }

  @Override
  public List<String> architectures() {
    return List.of("LlamaForCausalLM");
  }

  /** Whether the checkpoint has a bias for this projection (Llama: config.attention_bias). */
  protected boolean projectionBias(ModelConfig config, Projection projection) {
    return config.attentionBias();
  }

  /** The layer weights this family's checkpoints store fused (Llama: none). */
  protected List<Fusion> fusions(ModelConfig config) {
    return List.of();
  }

  /** How the checkpoint's q/k rows pair up for the rotary embedding (Llama: halves). */
  protected RotaryPairs rotaryPairs() {
    return RotaryPairs.HALVES;
  }

  /** Positions a query sees, itself included, or null for all before it (Llama: all). */
  protected Integer attentionWindow(ModelConfig config) {
    return null;
  }

  /**
   * Puts this family's settings into a new {@code config.json} holding only the shared sizes: the
   * values of the published checkpoints of the family (Llama: Llama-2's).
   */
  protected void initialSettings(ObjectNode config) {
    config.put("model_type", "llama");
    config.put("rms_norm_eps", 1e-5);
    config.put("rope_theta", 10000.0);
    config.put("tie_word_embeddings", false);
    config.put("attention_bias", false);
  }

  @Override
  public void validate(ModelConfig config) {
    if (!config.hiddenAct().equals("silu")) {
      throw new ConfigException(
          "hidden_act", "'" + config.hiddenAct() + "' is not supported by " + name() + " (silu)");
    }
    RotaryEmbedding.check(config);
  }

  @Override
  public ModelConfig newConfig(ModelDimensions dimensions) {
    ObjectNode json = dimensions.toJson();
    json.putArray("architectures").add(architectures().get(0));
    initialSettings(json);
    ModelConfig config = ModelConfig.fromJson(json);
    validate(config);
    return config;
  }

  @Override
  public Map<String, long[]> checkpointTensors(ModelConfig c) {
    long hidden = c.hiddenSize();
    long qRows = (long) c.numAttentionHeads() * c.headDim();
    long kvRows = (long) c.numKeyValueHeads() * c.headDim();
    long inter = c.intermediateSize();
    Map<String, long[]> out = new LinkedHashMap<>();
    out.put("model.embed_tokens.weight", new long[] {c.vocabSize(), hidden});
    for (int l = 0; l < c.numHiddenLayers(); l++) {
      String p = "model.layers." + l + ".";
      Map<String, long[]> layer = new LinkedHashMap<>();
      layer.put("input_layernorm.weight", new long[] {hidden});
      layer.put("self_attn.q_proj.weight", new long[] {qRows, hidden});
      putBias(layer, c, Projection.Q, "self_attn.q_proj.bias", qRows);
      layer.put("self_attn.k_proj.weight", new long[] {kvRows, hidden});
      putBias(layer, c, Projection.K, "self_attn.k_proj.bias", kvRows);
      layer.put("self_attn.v_proj.weight", new long[] {kvRows, hidden});
      putBias(layer, c, Projection.V, "self_attn.v_proj.bias", kvRows);
      layer.put("self_attn.o_proj.weight", new long[] {hidden, qRows});
      putBias(layer, c, Projection.O, "self_attn.o_proj.bias", hidden);
      layer.put("post_attention_layernorm.weight", new long[] {hidden});
      layer.put("mlp.gate_proj.weight", new long[] {inter, hidden});
      layer.put("mlp.up_proj.weight", new long[] {inter, hidden});
      layer.put("mlp.down_proj.weight", new long[] {hidden, inter});
      fuse(layer, fusions(c)).forEach((name, shape) -> out.put(p + name, shape));
    }
    out.put("model.norm.weight", new long[] {hidden});
    if (!c.tieWordEmbeddings()) {
      out.put("lm_head.weight", new long[] {c.vocabSize(), hidden});
    }
    return out;
  }

  private void putBias(
      Map<String, long[]> layer, ModelConfig c, Projection p, String name, long rows) {
    if (projectionBias(c, p)) {
      layer.put(name, new long[] {rows});
    }
  }

  /** The layer's tensors with each fusion's parts replaced by the fused tensor, in place. */
  private static Map<String, long[]> fuse(Map<String, long[]> layer, List<Fusion> fusions) {
    Map<String, long[]> out = new LinkedHashMap<>();
    layer.forEach(
        (name, shape) -> {
          for (Fusion f : fusions) {
            if (f.parts().get(0).name().equals(name)) {
              long[] fused = shape.clone();
              fused[0] = f.parts().stream().mapToLong(Part::rows).sum();
              out.put(f.fused(), fused);
              return;
            }
            if (f.parts().stream().anyMatch(part -> part.name().equals(name))) {
              return;
            }
          }
          out.put(name, shape);
        });
    return out;
  }

  /** The checkpoint under Llama's names and rotary convention: fusions split, pairs reordered. */
  private TensorSource llamaView(ModelConfig c, TensorSource checkpoint) throws IOException {
    List<Fusion> fusions = fusions(c);
    if (fusions.isEmpty() && rotaryPairs() == RotaryPairs.HALVES) {
      return checkpoint;
    }
    DerivedTensors.Builder view = DerivedTensors.over(checkpoint);
    int[] qOrder = interleavedToHalves(c.numAttentionHeads(), c.headDim(), c.rotaryDim());
    int[] kOrder = interleavedToHalves(c.numKeyValueHeads(), c.headDim(), c.rotaryDim());
    for (int l = 0; l < c.numHiddenLayers(); l++) {
      String p = "model.layers." + l + ".";
      for (Fusion f : fusions) {
        view.split(
            p + f.fused(),
            f.parts().stream().map(part -> new Part(p + part.name(), part.rows())).toList());
      }
      if (rotaryPairs() == RotaryPairs.INTERLEAVED) {
        // q.k is unchanged when both are permuted alike, so reordering the rows of q and k once
        // turns interleaved pairs into rotate_half pairs: the forward pass stays Llama's.
        for (String suffix : List.of("weight", "bias")) {
          view.reorderRows(p + "self_attn.q_proj." + suffix, qOrder);
          view.reorderRows(p + "self_attn.k_proj." + suffix, kOrder);
        }
      }
    }
    return view.build();
  }

  @Override
  public Map<String, StoredTensor> runtimeLayout(ModelConfig c) {
    List<Fusion> fusions = fusions(c);
    boolean interleaved = rotaryPairs() == RotaryPairs.INTERLEAVED;
    Map<String, StoredTensor> out = new LinkedHashMap<>();
    if (fusions.isEmpty() && !interleaved) {
      return out;
    }
    int[] qOrder = interleavedToHalves(c.numAttentionHeads(), c.headDim(), c.rotaryDim());
    int[] kOrder = interleavedToHalves(c.numKeyValueHeads(), c.headDim(), c.rotaryDim());
    Map<String, long[]> stored = checkpointTensors(c);
    for (int l = 0; l < c.numHiddenLayers(); l++) {
      String p = "model.layers." + l + ".";
      java.util.function.BiFunction<String, Long, StoredTensor.Piece> piece =
          (name, rows) -> {
            int[] order = null;
            if (interleaved && name.startsWith("self_attn.q_proj.")) {
              order = qOrder;
            } else if (interleaved && name.startsWith("self_attn.k_proj.")) {
              order = kOrder;
            }
            return new StoredTensor.Piece(p + name, rows, order);
          };
      for (Fusion f : fusions) {
        out.put(
            p + f.fused(),
            new StoredTensor(
                p + f.fused(),
                f.parts().stream().map(part -> piece.apply(part.name(), part.rows())).toList()));
      }
      if (interleaved) {
        for (String name :
            List.of(
                "self_attn.q_proj.weight",
                "self_attn.q_proj.bias",
                "self_attn.k_proj.weight",
                "self_attn.k_proj.bias")) {
          long[] shape = stored.get(p + name);
          if (shape != null) {
            out.put(p + name, new StoredTensor(p + name, List.of(piece.apply(name, shape[0]))));
          }
        }
      }
    }
    return out;
  }

  /**
   * Row order that moves, within each head's first {@code rotary} rows, the even rows to the first
   * half and the odd rows to the second: new row {@code i} is old row {@code 2i}, new row {@code
   * rotary/2 + i} is old row {@code 2i + 1}; the remaining rows keep their place.
   */
  static int[] interleavedToHalves(int heads, int headDim, int rotary) {
    int[] order = new int[heads * headDim];
    for (int h = 0; h < heads; h++) {
      int base = h * headDim;
      for (int i = 0; i < headDim; i++) {
        order[base + i] = base + i;
      }
      for (int i = 0; i < rotary / 2; i++) {
        order[base + i] = base + 2 * i;
        order[base + rotary / 2 + i] = base + 2 * i + 1;
      }
    }
    return order;
  }

  @Override
  public CausalLm load(ModelConfig c, TensorSource checkpoint, NDManager parent, DataType type)
      throws IOException {
    validate(c);
    TensorSource weights = llamaView(c, checkpoint);
    NDManager m = parent.newSubManager();
    try {
      long hidden = c.hiddenSize();
      long qRows = (long) c.numAttentionHeads() * c.headDim();
      long kvRows = (long) c.numKeyValueHeads() * c.headDim();
      long inter = c.intermediateSize();
      Loader w = (name, shape) -> NativeWeights.load(weights, name, shape, m, type);
      NDArray embed = w.load("model.embed_tokens.weight", new long[] {c.vocabSize(), hidden});
      List<LlamaLayer> layers = new ArrayList<>();
      for (int l = 0; l < c.numHiddenLayers(); l++) {
        String p = "model.layers." + l + ".";
        String a = p + "self_attn.";
        layers.add(
            new LlamaLayer(
                w.load(p + "input_layernorm.weight", new long[] {hidden}),
                w.load(a + "q_proj.weight", new long[] {qRows, hidden}),
                bias(c, Projection.Q, w, a + "q_proj.bias", qRows),
                w.load(a + "k_proj.weight", new long[] {kvRows, hidden}),
                bias(c, Projection.K, w, a + "k_proj.bias", kvRows),
                w.load(a + "v_proj.weight", new long[] {kvRows, hidden}),
                bias(c, Projection.V, w, a + "v_proj.bias", kvRows),
                w.load(a + "o_proj.weight", new long[] {hidden, qRows}),
                bias(c, Projection.O, w, a + "o_proj.bias", hidden),
                w.load(p + "post_attention_layernorm.weight", new long[] {hidden}),
                w.load(p + "mlp.gate_proj.weight", new long[] {inter, hidden}),
                w.load(p + "mlp.up_proj.weight", new long[] {inter, hidden}),
                w.load(p + "mlp.down_proj.weight", new long[] {hidden, inter})));
      }
      NDArray norm = w.load("model.norm.weight", new long[] {hidden});
      NDArray lmHead =
          c.tieWordEmbeddings()
              ? embed
              : w.load("lm_head.weight", new long[] {c.vocabSize(), hidden});
      return new LlamaModel(c, m, embed, layers, norm, lmHead, attentionWindow(c));
    } catch (IOException | RuntimeException e) {
      m.close();
      throw e;
    }
  }

  /** Loads one tensor of the expected shape. */
  @FunctionalInterface
  private interface Loader {
    NDArray load(String name, long[] shape) throws IOException;
  }

  private NDArray bias(ModelConfig c, Projection p, Loader w, String name, long rows)
      throws IOException {
    return projectionBias(c, p) ? w.load(name, new long[] {rows}) : null;
  }
}
