package org.c2lab.train.model.qwen2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.c2lab.train.model.ConfigException;
import org.c2lab.train.model.ModelConfig;
import org.c2lab.train.model.llama.LlamaFamily;

/**
 * Qwen2 ({@code Qwen2ForCausalLM}): Llama plus biases on the q, k and v projections (never on o).
 * Tied embeddings (0.5B, 1.5B) and rope theta 1e6 come from config.json as for Llama.
 * Sliding-window attention ({@code use_sliding_window: true}, applied from {@code
 * max_window_layers} on) is off in every released Qwen2 model and is refused rather than run
 * without it.
 */
public class Qwen2Family extends LlamaFamily {
  @Override
  public String name() {
    return "qwen2";
  }

  @Override
  public List<String> architectures() {
    return List.of("Qwen2ForCausalLM");
  }

  @Override
  protected boolean projectionBias(ModelConfig config, Projection projection) {
    return projection != Projection.O;
  }

  @Override
  public void validate(ModelConfig config) {
    super.validate(config);
    if (config.slidingWindow() != null) {
      throw new ConfigException(
          "use_sliding_window",
          "true is not supported by qwen2 (per-layer sliding windows); released Qwen2 models set"
              + " it to false");
    }
  }

  /** Qwen2Config's defaults where they differ from Llama's: no sliding window unless asked. */
  @Override
  public Map<String, Object> configDefaults() {
    return Map.of("use_sliding_window", false, "max_position_embeddings", 32768);
  }

  /** Qwen2-0.5B-Instruct's settings: theta 1e6, tied embeddings, no sliding window. */
  @Override
  protected void initialSettings(ObjectNode config) {
    super.initialSettings(config);
    config.put("model_type", "qwen2");
    config.put("rms_norm_eps", 1e-6);
    config.put("rope_theta", 1000000.0);
    config.put("tie_word_embeddings", true);
    config.put("use_sliding_window", false);
    config.remove("attention_bias");
  }
}
