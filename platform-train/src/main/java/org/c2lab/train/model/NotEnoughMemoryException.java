package org.c2lab.train.model;

import ai.djl.ndarray.types.DataType;
import org.c2lab.train.device.MemoryStatus;

/**
 * A model that would not fit in the memory its device has free, refused before anything is
 * allocated. The message says how much it needs and how much there is.
 */
public final class NotEnoughMemoryException extends IllegalStateException {
  private final transient MemoryEstimate estimate;
  private final transient MemoryStatus available;

  /** {@code what} names the model and device, e.g. {@code models/x on cpu}. */
  public NotEnoughMemoryException(String what, MemoryEstimate estimate, MemoryStatus available) {
    super(
        what
            + " needs ~"
            + MemoryStatus.format(estimate.totalBytes())
            + " ("
            + MemoryStatus.format(estimate.weightsBytes())
            + " of "
            + (estimate.type() == DataType.FLOAT16 ? "F16" : "F32")
            + " weights + a "
            + estimate.context()
            + "-position run), "
            + MemoryStatus.format(available.availableBytes())
            + " available ("
            + available.source()
            + ")");
    this.estimate = estimate;
    this.available = available;
  }

  /** What the model needs. */
  public MemoryEstimate estimate() {
    return estimate;
  }

  /** What the device has. */
  public MemoryStatus available() {
    return available;
  }
}
