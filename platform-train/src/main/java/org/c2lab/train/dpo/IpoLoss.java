package org.c2lab.train.dpo;

import ai.djl.ndarray.NDArray;
import org.c2lab.train.autograd.Scalars;

/**
 * Identity preference optimisation (IPO) of Azar et al., "A General Theoretical Paradigm to
 * Understand Learning from Human Preferences" (AISTATS 2024, arXiv 2310.12036): {@code (h - 1 / (2
 * beta))^2}, a squared loss that regresses the log-ratio gap to a finite target instead of pushing
 * it to infinity. As in TRL, {@code h} is formed from per-token average log-probabilities.
 */
public record IpoLoss() implements PreferenceLoss {
  /** The name in configs. */
  public static final String NAME = "ipo";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public NDArray perPair(NDArray h, double beta) {
    return h.sub(Scalars.like(h, 1 / (2 * beta))).square();
  }

  @Override
  public boolean lengthNormalized() {
    return true;
  }
}
