package org.c2lab.train.training;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Which examples each optimizer step sees, derived from the seed alone: every epoch is a seeded
 * permutation of the data cut into micro-batches of {@code batchSize} (the last one may be
 * shorter), {@code gradientAccumulation} micro-batches per optimizer step (the epoch's last step
 * may have fewer). A resumed run asks for step {@code k} and gets exactly the micro-batches an
 * uninterrupted run would: no example is skipped or seen twice.
 *
 * @param examples examples in the data set, > 0
 * @param batchSize examples per micro-batch (one forward pass), > 0
 * @param gradientAccumulation micro-batches per optimizer step, > 0
 * @param epochs passes over the data, > 0
 * @param seed the data-order seed
 */
public record TrainingPlan(
    int examples, int batchSize, int gradientAccumulation, int epochs, long seed) {

  public TrainingPlan {
    if (examples <= 0) {
      throw new IllegalArgumentException("no examples to train on");
    }
    if (batchSize <= 0 || gradientAccumulation <= 0 || epochs <= 0) {
      throw new IllegalArgumentException(
          "batch size, gradient accumulation and epochs must be > 0, got "
              + batchSize
              + ", "
              + gradientAccumulation
              + ", "
              + epochs);
    }
  }

  /** Micro-batches in one epoch. */
  public int microBatchesPerEpoch() {
    return (examples + batchSize - 1) / batchSize;
  }

  /** Optimizer steps in one epoch. */
  public int stepsPerEpoch() {
    return (microBatchesPerEpoch() + gradientAccumulation - 1) / gradientAccumulation;
  }

  /** Optimizer steps of the whole run. */
  public long totalSteps() {
    return (long) stepsPerEpoch() * epochs;
  }

  /** The epoch (0-based) of step {@code step} (0-based). */
  public int epochOf(long step) {
    return (int) (step / stepsPerEpoch());
  }

  /** Fractional epochs completed after {@code stepsDone} steps (Hugging Face's {@code epoch}). */
  public double epochAfter(long stepsDone) {
    return (double) stepsDone / stepsPerEpoch();
  }

  /** The micro-batches (data-set indices) of optimizer step {@code step} (0-based). */
  public List<int[]> step(long step) {
    if (step < 0 || step >= totalSteps()) {
      throw new IndexOutOfBoundsException("step " + step + " of " + totalSteps());
    }
    int[] order = permutation(epochOf(step));
    int first = (int) (step % stepsPerEpoch()) * gradientAccumulation;
    int last = Math.min(first + gradientAccumulation, microBatchesPerEpoch());
    List<int[]> out = new ArrayList<>();
    for (int mb = first; mb < last; mb++) {
      int from = mb * batchSize;
      int to = Math.min(from + batchSize, examples);
      int[] indices = new int[to - from];
      System.arraycopy(order, from, indices, 0, indices.length);
      out.add(indices);
    }
    return out;
  }

  /** The data order of an epoch: a Fisher-Yates shuffle seeded by (seed, epoch). */
  public int[] permutation(int epoch) {
    int[] order = new int[examples];
    for (int i = 0; i < examples; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
    for (int i = examples - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
}
