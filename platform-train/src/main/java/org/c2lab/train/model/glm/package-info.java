/** GLM-4 (Hugging Face-native layout) on DJL: Llama plus biases, fused MLP, partial rotary. */
package org.c2lab.train.model.glm;
