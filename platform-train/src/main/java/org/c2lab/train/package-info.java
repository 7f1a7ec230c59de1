/**
 * The DJL PyTorch runtime and trainers. The only module that may load native PyTorch; it implements
 * core's {@code LanguageModel} so that evaluation and synthesis run unchanged on local checkpoints.
 */
package org.c2lab.train;
