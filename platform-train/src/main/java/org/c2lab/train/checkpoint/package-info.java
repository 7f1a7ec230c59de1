/**
 * Training checkpoints: trainable parameters and optimizer moments as safetensors with the step and
 * settings, written atomically, pruned, and restored in place for an exact resume.
 */
package org.c2lab.train.checkpoint;
