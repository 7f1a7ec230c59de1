package org.c2lab.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import java.util.Objects;

/**
 * A trainable array and how the optimizer treats it.
 *
 * <p>Mixed precision: {@code value} is the F32 master the optimizer updates and checkpoints save;
 * {@code working} is what the forward pass reads and autograd gives gradients to. They are the same
 * array unless the model computes in F16, where {@code working} is an F16 copy of the master,
 * refreshed by {@link #refreshWorking()} after every update.
 *
 * @param name its name in checkpoints (a Hugging Face tensor name, or a PEFT adapter name)
 * @param value the live master array (F32)
 * @param decay whether weight decay applies (Hugging Face's Trainer exempts biases and norms: every
 *     array of fewer than two dimensions)
 * @param working the array that requires gradients: {@code value}, or an F16 working copy of it
 */
public record Parameter(String name, NDArray value, boolean decay, NDArray working) {
  public Parameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    working = working == null ? value : working;
    if (!working.getShape().equals(value.getShape())) {
      throw new IllegalArgumentException(
          name + ": working copy " + working.getShape() + " vs master " + value.getShape());
    }
  }

  /** A parameter that is its own working array. */
  public Parameter(String name, NDArray value, boolean decay) {
    this(name, value, decay, value);
  }

  /** A parameter that decays when it is a matrix (or more), as Hugging Face's Trainer does. */
  public static Parameter of(String name, NDArray value) {
    return new Parameter(name, value, value.getShape().dimension() >= 2);
  }

  /** An F32 master with a lower-precision working copy (decays when it is a matrix). */
  public static Parameter mixed(String name, NDArray master, NDArray working) {
    return new Parameter(name, master, master.getShape().dimension() >= 2, working);
  }

  /** Whether the forward pass reads a copy rather than the master itself. */
  public boolean hasWorkingCopy() {
    return working != value;
  }

  /**
   * Copies the master into the working copy (rounded to its dtype), in place; nothing when there is
   * no copy. Run it outside a gradient collector.
   */
  public void refreshWorking() {
    if (!hasWorkingCopy()) {
      return;
    }
    try (NDArray narrowed = value.toType(working.getDataType(), true)) {
      working.set(new NDIndex(":"), narrowed);
    }
  }
}
