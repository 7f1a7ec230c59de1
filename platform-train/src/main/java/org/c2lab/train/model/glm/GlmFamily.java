package org.c2lab.train.model.glm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.c2lab.train.model.DerivedTensors.Part;
import org.c2lab.train.model.ModelConfig;
import org.c2lab.train.model.llama.LlamaFamily;

/**
 * GLM-4 in its Hugging Face-native layout ({@code GlmForCausalLM}, {@code glm-4-9b-chat-hf}), as
 * transformers' {@code modeling_glm} runs it: Llama's decoder layer with
 *
 * <ul>
 *   <li>biases on q, k and v when {@code attention_bias} (true for GLM-4), never on o;
 *   <li>gate and up fused into {@code gate_up_proj} (rows gate, then up), split at load time;
 *   <li>a rotary embedding on the first {@code partial_rotary_factor x head_dim} dimensions of each
 *       head only (0.5 x 128 = 64), frequencies {@code theta^(-2i/64)}, with interleaved pairs
 *       (dimension 2i turns with 2i + 1 at frequency i; the rest pass through).
 * </ul>
 *
 * <p>The interleaved pairs are not a second forward pass: the rows of q_proj and k_proj (and their
 * biases) are reordered at load time so that each pair lands on Llama's {@code rotate_half}
 * positions (i, i + 32). Scores are dot products of q and k within a head, so permuting both alike
 * changes nothing else; v and o are untouched. The plain-Java reference in the tests applies the
 * interleaved rotation directly, which checks this equivalence.
 */
public class GlmFamily extends LlamaFamily {
  @Override
  public String name() {
    return "glm4";
  }

  @Override
  public List<String> architectures() {
    return List.of("GlmForCausalLM");
  }

  @Override
  protected boolean projectionBias(ModelConfig config, Projection projection) {
    return projection != Projection.O && config.attentionBias();
  }

  @Override
  protected List<Fusion> fusions(ModelConfig c) {
    return List.of(
        new Fusion(
            "mlp.gate_up_proj.weight",
            List.of(
                new Part("mlp.gate_proj.weight", c.intermediateSize()),
                new Part("mlp.up_proj.weight", c.intermediateSize()))));
  }

  @Override
  protected RotaryPairs rotaryPairs() {
    return RotaryPairs.INTERLEAVED;
  }

  /** GlmConfig's defaults where they differ from Llama's. */
  @Override
  public Map<String, Object> configDefaults() {
    return Map.of(
        "attention_bias",
        true,
        "head_dim",
        128,
        "partial_rotary_factor",
        0.5,
        "rms_norm_eps",
        1.5625e-07,
        "num_key_value_heads",
        2,
        "max_position_embeddings",
        131072);
  }

  /** glm-4-9b-chat-hf's settings. */
  @Override
  protected void initialSettings(ObjectNode config) {
    super.initialSettings(config);
    config.put("model_type", "glm");
    config.put("rms_norm_eps", 1.5625e-07);
    config.put("partial_rotary_factor", 0.5);
    config.put("attention_bias", true);
  }
}
