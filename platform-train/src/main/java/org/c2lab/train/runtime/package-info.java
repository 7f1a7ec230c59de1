/**
 * Local models behind core's {@link org.c2lab.core.model.LanguageModel} SPI: {@link
 * org.c2lab.train.runtime.DjlLanguageModel} runs a Hugging Face folder on DJL with the batched
 * sampler and scorer of {@link org.c2lab.train.generation}; {@link
 * org.c2lab.train.runtime.PromptEncoder} turns prompts into token ids (the BOS rule).
 */
package org.c2lab.train.runtime;
