package org.c2lab.train.model.phi3;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.c2lab.train.model.DerivedTensors.Part;
import org.c2lab.train.model.ModelConfig;
import org.c2lab.train.model.llama.LlamaFamily;

/**
 * Phi-3 ({@code Phi3ForCausalLM}): Llama with the q/k/v projections fused into {@code qkv_proj}
 * (rows q, then k, then v) and gate and up fused into {@code gate_up_proj} (rows gate, then up),
 * split at load time; no biases; {@code sliding_window} as Mistral. The 128k variant's {@code
 * longrope} ({@code su}) rope scaling is a {@link org.c2lab.train.model.RotaryEmbedding} strategy.
 */
public class Phi3Family extends LlamaFamily {
  @Override
  public String name() {
    return "phi3";
  }

  @Override
  public List<String> architectures() {
    return List.of("Phi3ForCausalLM");
  }

  @Override
  protected boolean projectionBias(ModelConfig config, Projection projection) {
    return false;
  }

  @Override
  protected List<Fusion> fusions(ModelConfig c) {
    long q = (long) c.numAttentionHeads() * c.headDim();
    long kv = (long) c.numKeyValueHeads() * c.headDim();
    return List.of(
        new Fusion(
            "self_attn.qkv_proj.weight",
            List.of(
                new Part("self_attn.q_proj.weight", q),
                new Part("self_attn.k_proj.weight", kv),
                new Part("self_attn.v_proj.weight", kv))),
        new Fusion(
            "mlp.gate_up_proj.weight",
            List.of(
                new Part("mlp.gate_proj.weight", c.intermediateSize()),
                new Part("mlp.up_proj.weight", c.intermediateSize()))));
  }

  @Override
  protected Integer attentionWindow(ModelConfig config) {
    return config.slidingWindow();
  }

  /**
   * Phi3Config's defaults where they differ from Llama's (the original context matters to
   * longrope).
   */
  @Override
  public Map<String, Object> configDefaults() {
    return Map.of(
        "original_max_position_embeddings", 4096,
        "max_position_embeddings", 4096,
        "rms_norm_eps", 1e-5);
  }

  /** Phi-3-mini-4k's settings (the pre-training context is the whole context). */
  @Override
  protected void initialSettings(ObjectNode config) {
    super.initialSettings(config);
    config.put("model_type", "phi3");
    config.put("original_max_position_embeddings", config.get("max_position_embeddings").asInt());
    config.remove("attention_bias");
  }
}
