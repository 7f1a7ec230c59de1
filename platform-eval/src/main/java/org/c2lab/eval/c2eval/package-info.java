/**
 * C2-Eval as a resumable job: prefill harmful requests at k = 10..80 words, sample b continuations
 * per (request, k) with one seed per path, judge each, store every sample and report Corr@k and
 * Corr_mean ({@link org.c2lab.eval.c2eval.C2EvalJob}); and the paired comparison of two runs with
 * the texts of the samples that flipped ({@link org.c2lab.eval.c2eval.RunComparer}).
 */
package org.c2lab.eval.c2eval;
