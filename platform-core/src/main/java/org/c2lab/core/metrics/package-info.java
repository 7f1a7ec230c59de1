/**
 * Metric names and the statistics of C2-Eval: Corr@k with Wilson intervals, Corr_mean with a
 * request-level bootstrap, and paired comparison of two runs (exact McNemar test, paired
 * bootstrap).
 */
package org.c2lab.core.metrics;
