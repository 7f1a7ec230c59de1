package org.c2lab.train.optim;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;
import org.c2lab.train.autograd.Gradients;
import org.c2lab.train.autograd.Scalars;

/**
 * Clips gradients by their global L2 norm (run it inside an {@code NDScope}: the per-parameter
 * intermediates belong to the gradients' manager) as torch's {@code clip_grad_norm_} does: the norm
 * over all parameters' gradients taken together; when it exceeds {@code maxNorm}, every gradient is
 * multiplied by {@code maxNorm / (norm + 1e-6)}. DJL's own clipping clamps values one by one.
 *
 * @param maxNorm the largest norm let through; 0 or less disables clipping (the norm is still
 *     measured and reported)
 */
public record GlobalNormClipping(double maxNorm) {

  /** Hugging Face's default ({@code max_grad_norm = 1.0}). */
  public static final GlobalNormClipping DEFAULT = new GlobalNormClipping(1.0);

  /** The global L2 norm of the parameters' gradients (missing gradients count as zero). */
  public static double norm(List<Parameter> parameters) {
    List<NDArray> grads = new ArrayList<>();
    try {
      for (Parameter p : parameters) {
        grads.add(Gradients.of(p.value()));
      }
      return normOf(grads);
    } finally {
      grads.forEach(g -> closeQuietly(g));
    }
  }

  /** The global L2 norm of {@code grads} (null entries count as zero). */
  public static double normOf(List<NDArray> grads) {
    double sumSquares = 0;
    for (NDArray g : grads) {
      if (g != null) {
        try (NDArray s = g.square().sum()) {
          sumSquares += s.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
        }
      }
    }
    return Math.sqrt(sumSquares);
  }

  /**
   * Measures the global norm and clips to it.
   *
   * @return the norm before clipping (what Hugging Face logs as {@code grad_norm})
   */
  public double clip(List<Parameter> parameters) {
    List<NDArray> grads = new ArrayList<>();
    try {
      for (Parameter p : parameters) {
        grads.add(Gradients.of(p.value()));
      }
      return clipGradients(grads);
    } finally {
      grads.forEach(g -> closeQuietly(g));
    }
  }

  /**
   * Measures the global norm of {@code grads} (null entries count as zero) and scales them in place
   * when it exceeds {@code maxNorm}.
   *
   * @return the norm before clipping
   */
  public double clipGradients(List<NDArray> grads) {
    double norm = normOf(grads);
    if (maxNorm > 0 && norm > maxNorm) {
      double coefficient = maxNorm / (norm + 1e-6);
      for (NDArray g : grads) {
        if (g != null) {
          try (NDArray c = Scalars.like(g, coefficient)) {
            g.muli(c);
          }
        }
      }
    }
    return norm;
  }

  private static void closeQuietly(NDArray a) {
    if (a != null) {
      a.close();
    }
  }
}
