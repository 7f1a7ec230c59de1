/**
 * Runs models over data: C2-Eval, C2-Syn, benchmarks and judges. Talks to models only through
 * core's {@code LanguageModel} SPI and never imports DJL.
 */
package org.c2lab.eval;
