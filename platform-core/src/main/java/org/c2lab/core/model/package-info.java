/**
 * The {@link org.c2lab.core.model.LanguageModel} SPI: batched, seeded generation from text or token
 * prompts, and log-probability scoring. Local DJL models and OpenAI-compatible endpoints both
 * implement it, so evaluation and synthesis code never depends on where the model runs.
 */
package org.c2lab.core.model;
