package org.c2lab.eval.judge.classifier;

/**
 * How the classifier judge is trained: logistic regression by stochastic gradient descent (Tribuo's
 * {@code LinearSGDTrainer} with {@code LogMulticlass} and AdaGrad), deterministic for a given seed
 * and data order.
 *
 * @param epochs passes over the data, >= 1
 * @param learningRate AdaGrad's initial learning rate, > 0
 * @param seed the shuffling seed
 */
public record ClassifierSettings(int epochs, double learningRate, long seed) {
  /** 25 epochs at learning rate 0.5, seed 1: enough for thousands of short examples. */
  public static final ClassifierSettings DEFAULT = new ClassifierSettings(25, 0.5, 1);

  public ClassifierSettings {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, was " + epochs);
    }
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new IllegalArgumentException("learningRate must be > 0, was " + learningRate);
    }
  }

  /** These settings with another seed. */
  public ClassifierSettings withSeed(long newSeed) {
    return new ClassifierSettings(epochs, learningRate, newSeed);
  }

  /** These settings with another number of epochs. */
  public ClassifierSettings withEpochs(int newEpochs) {
    return new ClassifierSettings(newEpochs, learningRate, seed);
  }
}
