/**
 * The OpenAI-compatible client: core's {@link org.c2lab.core.model.LanguageModel} over a vLLM, TGI,
 * llama.cpp or {@code c2 model serve} endpoint ({@link org.c2lab.eval.openai.OpenAiLanguageModel}),
 * with the prompt strategy as a seam ({@link org.c2lab.eval.openai.PromptStrategy}: raw prompts
 * through {@code /v1/completions}, or chats with {@code continue_final_message} through {@code
 * /v1/chat/completions}), and the HTTP layer the LLM judge reuses ({@link
 * org.c2lab.eval.openai.OpenAiHttp}: bounded concurrency, timeouts, retries with backoff, API key
 * from an environment variable and never shown).
 */
package org.c2lab.eval.openai;
