/**
 * Import of Andrej Karpathy's llama2.c checkpoints (legacy version-0 {@code .bin}) and tokenizers
 * into Hugging Face layout, including the rotary permutation of the query and key projections.
 */
package org.c2lab.train.llama2c;
