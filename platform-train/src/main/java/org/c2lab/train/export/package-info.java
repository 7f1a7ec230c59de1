/**
 * Export of fine-tuned models in Hugging Face layout (original tensor names, dtypes and shards;
 * LoRA merged or as a PEFT adapter) with provenance.
 */
package org.c2lab.train.export;
