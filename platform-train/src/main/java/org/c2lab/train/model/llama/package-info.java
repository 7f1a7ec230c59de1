/**
 * The Llama architecture on DJL: weights, forward pass with rotary embeddings, grouped-query
 * attention and a KV cache, SwiGLU MLP. Other families (Qwen2, Mistral) extend {@link
 * org.c2lab.train.model.llama.LlamaFamily} and override only what differs.
 */
package org.c2lab.train.model.llama;
