/**
 * Long-running tasks: the {@link org.c2lab.core.job.Job} SPI, the {@link
 * org.c2lab.core.job.JobContext} a job reports progress to, checks cancellation with, keeps
 * checkpoints in and records provenance through, and a local context for the CLI and tests.
 */
package org.c2lab.core.job;
