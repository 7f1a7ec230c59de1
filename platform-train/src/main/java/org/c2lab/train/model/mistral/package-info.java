/** Mistral on DJL: Llama plus sliding-window attention. */
package org.c2lab.train.model.mistral;
