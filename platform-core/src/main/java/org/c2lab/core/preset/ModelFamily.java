package org.c2lab.core.preset;

/** The network architecture a model uses, which decides how its checkpoint is loaded. */
public enum ModelFamily {
  /** Llama-2 and Llama-3 and their fine-tunes (Vicuna). */
  LLAMA,
  /** Mistral-7B and its fine-tunes (Zephyr). */
  MISTRAL,
  /** Qwen2. */
  QWEN2,
  /** Phi-3. */
  PHI3,
  /** GLM-4 (ChatGLM). */
  GLM4
}
