/** Phi-3 on DJL: Llama with fused projections split at load time. */
package org.c2lab.train.model.phi3;
