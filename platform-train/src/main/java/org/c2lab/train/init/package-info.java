/**
 * New models: {@link org.c2lab.train.init.ModelInitializer} writes a small randomly initialised
 * model of any family in Hugging Face layout (for demos, tests and benchmarks).
 */
package org.c2lab.train.init;
