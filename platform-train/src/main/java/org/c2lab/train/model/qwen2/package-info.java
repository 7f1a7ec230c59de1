/** Qwen2 on DJL: Llama plus q/k/v biases. */
package org.c2lab.train.model.qwen2;
