package org.c2lab.train.model;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.List;
import org.c2lab.train.safetensors.TensorSource;

/**
 * One architecture family (Llama, Qwen2, ...): which {@code architectures} entries it serves, what
 * it requires of a config, and how it builds a {@link CausalLm} from weights. Families extend
 * Llama's and override only what differs (e.g. q/k/v biases for Qwen2).
 */
public interface ModelFamily {
  /** A short name, e.g. {@code llama}. */
  String name();

  /** The {@code architectures} values of config.json this family runs. */
  List<String> architectures();

  /** Rejects configs this family cannot run, with a {@link ConfigException} naming the field. */
  void validate(ModelConfig config);

  /**
   * Builds the model, copying every weight into native arrays owned by {@code manager}. Checks each
   * tensor's presence and shape against the config first.
   */
  CausalLm load(ModelConfig config, TensorSource weights, NDManager manager) throws IOException;
}
