/**
 * Optimisation as torch does it: AdamW's update rule, Hugging Face's learning-rate schedules and
 * global-norm gradient clipping.
 */
package org.c2lab.train.optim;
