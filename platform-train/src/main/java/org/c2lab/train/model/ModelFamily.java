package org.c2lab.train.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.c2lab.train.safetensors.TensorSource;

/**
 * One architecture family (Llama, Qwen2, ...): which {@code architectures} entries it serves, what
 * it requires of a config, its checkpoint layout, and how it builds a {@link CausalLm} from
 * weights. Families extend Llama's and override only what differs (e.g. q/k/v biases for Qwen2).
 */
public interface ModelFamily {
  /** A short name, e.g. {@code llama}; what {@code model init --family} takes. */
  String name();

  /** The {@code architectures} values of config.json this family runs. */
  List<String> architectures();

  /** Rejects configs this family cannot run, with a {@link ConfigException} naming the field. */
  void validate(ModelConfig config);

  /**
   * Builds the model, copying every weight into native arrays of {@code weightType} ({@code
   * FLOAT32}, or {@code FLOAT16} on a GPU) owned by {@code manager}. Checks each tensor's presence
   * and shape against the config first.
   */
  CausalLm load(ModelConfig config, TensorSource weights, NDManager manager, DataType weightType)
      throws IOException;

  /** {@link #load(ModelConfig, TensorSource, NDManager, DataType)} with F32 weights. */
  default CausalLm load(ModelConfig config, TensorSource weights, NDManager manager)
      throws IOException {
    return load(config, weights, manager, DataType.FLOAT32);
  }

  /**
   * Every tensor a checkpoint of this config holds, named and shaped as the family's Hugging Face
   * checkpoints have them (fused tensors fused), in a stable order.
   */
  Map<String, long[]> checkpointTensors(ModelConfig config);

  /**
   * Values for config.json fields a file of this family may lack, where the family's transformers
   * config class differs from {@code LlamaConfig} (e.g. GLM: {@code attention_bias} true).
   */
  default Map<String, Object> configDefaults() {
    return Map.of();
  }

  /**
   * The checkpoint tensors the loaded model holds under other names or layouts (fused tensors
   * split, rows reordered), keyed by checkpoint name; every other checkpoint tensor is held as the
   * file has it. Default: none.
   */
  default Map<String, StoredTensor> runtimeLayout(ModelConfig config) {
    return Map.of();
  }

  /** A config of this family with the given sizes and the family's published settings. */
  ModelConfig newConfig(ModelDimensions dimensions);
}
