package org.c2lab.train.optim;

import ai.djl.ndarray.NDArray;
import java.util.Objects;

/**
 * A trainable array and how the optimizer treats it.
 *
 * @param name its name in checkpoints (a Hugging Face tensor name, or a PEFT adapter name)
 * @param value the live array; it must require gradients
 * @param decay whether weight decay applies (Hugging Face's Trainer exempts biases and norms: every
 *     array of fewer than two dimensions)
 */
public record Parameter(String name, NDArray value, boolean decay) {
  public Parameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }

  /** A parameter that decays when it is a matrix (or more), as Hugging Face's Trainer does. */
  public static Parameter of(String name, NDArray value) {
    return new Parameter(name, value, value.getShape().dimension() >= 2);
  }
}
