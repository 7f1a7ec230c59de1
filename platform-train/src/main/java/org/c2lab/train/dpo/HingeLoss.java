package org.c2lab.train.dpo;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import org.c2lab.train.autograd.Scalars;

/**
 * The hinge loss of SLiC, Zhao et al., "SLiC-HF: Sequence Likelihood Calibration with Human
 * Feedback" (arXiv 2305.10425, 2023), on the reference-normalised log-ratio as TRL's {@code hinge}
 * loss applies it: {@code max(0, 1 - beta h)}; {@code 1 / beta} plays the role of SLiC's margin.
 */
public record HingeLoss() implements PreferenceLoss {
  /** The name in configs. */
  public static final String NAME = "hinge";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public NDArray perPair(NDArray h, double beta) {
    return Activation.relu(Scalars.like(h, 1).sub(h.mul(Scalars.like(h, beta))));
  }
}
