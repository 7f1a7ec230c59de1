/**
 * The training loop shared by DPO and SFT: a seeded plan of micro-batches, an {@link
 * org.c2lab.train.training.Objective} strategy, gradient accumulation, clipping, AdamW and the
 * schedule, extended by {@link org.c2lab.train.training.TrainingListener}s (metrics, progress,
 * checkpoints).
 */
package org.c2lab.train.training;
