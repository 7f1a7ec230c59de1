package org.c2lab.train.model.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.c2lab.train.model.CausalLm;
import org.c2lab.train.model.ConfigException;
import org.c2lab.train.model.ModelConfig;
import org.c2lab.train.model.ModelFamily;
import org.c2lab.train.model.NativeWeights;
import org.c2lab.train.model.RotaryEmbedding;
import org.c2lab.train.safetensors.TensorSource;

/**
 * Llama ({@code LlamaForCausalLM}): Llama 2, Vicuna, Llama 3 (GQA, {@code llama3} rope scaling).
 * Subclasses for related families override the hooks: {@link #architectures()}, {@link
 * #projectionBias} (Qwen2: biases on q/k/v only).
 */
public class LlamaFamily implements ModelFamily {

  /** The projections of an attention block, for {@link #projectionBias}. */
  protected enum Projection {
    Q,
    K,
    V,
    O
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

  @Override
  public void validate(ModelConfig config) {
    if (!config.hiddenAct().equals("silu")) {
      throw new ConfigException(
          "hidden_act", "'" + config.hiddenAct() + "' is not supported by " + name() + " (silu)");
    }
    RotaryEmbedding.check(config);
  }

  @Override
  public CausalLm load(ModelConfig c, TensorSource weights, NDManager parent) throws IOException {
    validate(c);
    NDManager m = parent.newSubManager();
    try {
      long hidden = c.hiddenSize();
      long qRows = (long) c.numAttentionHeads() * c.headDim();
      long kvRows = (long) c.numKeyValueHeads() * c.headDim();
      long inter = c.intermediateSize();
      NDArray embed =
          NativeWeights.load(
              weights, "model.embed_tokens.weight", new long[] {c.vocabSize(), hidden}, m);
      List<LlamaLayer> layers = new ArrayList<>();
      for (int l = 0; l < c.numHiddenLayers(); l++) {
        String p = "model.layers." + l + ".";
        String a = p + "self_attn.";
        layers.add(
            new LlamaLayer(
                NativeWeights.load(weights, p + "input_layernorm.weight", new long[] {hidden}, m),
                NativeWeights.load(weights, a + "q_proj.weight", new long[] {qRows, hidden}, m),
                bias(c, Projection.Q, weights, a + "q_proj.bias", qRows, m),
                NativeWeights.load(weights, a + "k_proj.weight", new long[] {kvRows, hidden}, m),
                bias(c, Projection.K, weights, a + "k_proj.bias", kvRows, m),
                NativeWeights.load(weights, a + "v_proj.weight", new long[] {kvRows, hidden}, m),
                bias(c, Projection.V, weights, a + "v_proj.bias", kvRows, m),
                NativeWeights.load(weights, a + "o_proj.weight", new long[] {hidden, qRows}, m),
                bias(c, Projection.O, weights, a + "o_proj.bias", hidden, m),
                NativeWeights.load(
                    weights, p + "post_attention_layernorm.weight", new long[] {hidden}, m),
                NativeWeights.load(
                    weights, p + "mlp.gate_proj.weight", new long[] {inter, hidden}, m),
                NativeWeights.load(
                    weights, p + "mlp.up_proj.weight", new long[] {inter, hidden}, m),
                NativeWeights.load(
                    weights, p + "mlp.down_proj.weight", new long[] {hidden, inter}, m)));
      }
      NDArray norm = NativeWeights.load(weights, "model.norm.weight", new long[] {hidden}, m);
      NDArray lmHead =
          c.tieWordEmbeddings()
              ? embed
              : NativeWeights.load(
                  weights, "lm_head.weight", new long[] {c.vocabSize(), hidden}, m);
      return new LlamaModel(c, m, embed, layers, norm, lmHead);
    } catch (IOException | RuntimeException e) {
      m.close();
      throw e;
    }
  }

  private NDArray bias(
      ModelConfig c, Projection p, TensorSource w, String name, long rows, NDManager m)
      throws IOException {
    return projectionBias(c, p) ? NativeWeights.load(w, name, new long[] {rows}, m) : null;
  }
}
