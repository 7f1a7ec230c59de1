package org.c2lab.eval.c2eval;

/**
 * The texts of one judged path, for reading flipped samples side by side.
 *
 * @param prefix the prefilled assistant text, or null when the samples file lacks it
 * @param continuation the model's continuation, or null when the samples file lacks it
 * @param rationale the judge's rationale, or null
 */
public record SampleText(String prefix, String continuation, String rationale) {}
