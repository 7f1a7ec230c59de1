/**
 * What C2-Eval and C2-Syn share when they ask a model for text: the chat format of a model (preset,
 * chat template, prefill mode) and a checked batch call to core's {@code LanguageModel}.
 */
package org.c2lab.eval.generation;
