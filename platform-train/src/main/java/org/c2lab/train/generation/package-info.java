/** Decoding loops over a {@link org.c2lab.train.model.CausalLm}. */
package org.c2lab.train.generation;
