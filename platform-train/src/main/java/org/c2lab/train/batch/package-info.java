/**
 * From text to training tensors: the chat-template split of prompt and response, truncation with a
 * count, right-padded batches and response-only sequence log-probabilities.
 */
package org.c2lab.train.batch;
