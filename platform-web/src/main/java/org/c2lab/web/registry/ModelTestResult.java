package org.c2lab.web.registry;

import io.micronaut.serde.annotation.Serdeable;

/**
 * One short generation from a registered model, proving it opens and answers.
 *
 * @param prompt the fixed, mild prompt ({@link ModelRegistry#TEST_PROMPT})
 * @param text the continuation
 * @param finishReason why it stopped ({@code stop}, {@code length}, ...)
 * @param latencyMs wall time of opening the model and generating, in milliseconds
 */
@Serdeable
public record ModelTestResult(String prompt, String text, String finishReason, long latencyMs) {}
