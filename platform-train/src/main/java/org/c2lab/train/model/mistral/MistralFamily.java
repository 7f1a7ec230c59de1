package org.c2lab.train.model.mistral;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.c2lab.train.model.ModelConfig;
import org.c2lab.train.model.llama.LlamaFamily;

/**
 * Mistral ({@code MistralForCausalLM}; Zephyr-7B-beta): Llama's layout without attention biases,
 * plus {@code sliding_window} attention. A query sees the last {@code sliding_window} positions,
 * itself included (transformers' sliding-window mask: key j is visible from query i when {@code i -
 * window < j <= i}); up to the window this is exactly full causal attention. The KV cache keeps
 * every position, so the cost beyond the window is that of full attention, not of a rolling cache.
 */
public class MistralFamily extends LlamaFamily {
  @Override
  public String name() {
    return "mistral";
  }

  @Override
  public List<String> architectures() {
    return List.of("MistralForCausalLM");
  }

  /** transformers' MistralAttention has no biases, whatever the config says. */
  @Override
  protected boolean projectionBias(ModelConfig config, Projection projection) {
    return false;
  }

  @Override
  protected Integer attentionWindow(ModelConfig config) {
    return config.slidingWindow();
  }

  /** MistralConfig's defaults where they differ from Llama's. */
  @Override
  public Map<String, Object> configDefaults() {
    return Map.of(
        "sliding_window", 4096, "max_position_embeddings", 131072, "num_key_value_heads", 8);
  }

  /** Zephyr-7B-beta's (Mistral-7B-v0.1's) settings. */
  @Override
  protected void initialSettings(ObjectNode config) {
    super.initialSettings(config);
    config.put("model_type", "mistral");
    config.put("sliding_window", 4096);
    config.remove("attention_bias");
  }
}
