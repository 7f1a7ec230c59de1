package org.c2lab.train.autograd;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * libtorch's grad mode, which is per thread. DJL switches it off only on the thread that loads the
 * engine and a {@code GradientCollector} switches it on for its scope; on any other thread (a
 * server's worker, a test executor) it is on, and then an optimizer's in-place update of a
 * parameter fails ("a leaf Variable that requires grad is being used in an in-place operation") and
 * reference forward passes build graphs nobody needs. Training runs inside {@link #off()}.
 *
 * <pre>{@code
 * try (GradMode.Scope off = GradMode.off()) {
 *   trainer.run(...); // collectors switch it on for each forward/backward
 * }
 * }</pre>
 */
public final class GradMode {
  private GradMode() {}

  /** Switches grad mode off on this thread until the scope closes, then restores it. */
  public static Scope off() {
    Engine.getInstance(); // loads libtorch, whose functions JniUtils calls
    boolean before = JniUtils.isGradMode();
    JniUtils.setGradMode(false);
    return new Scope(before);
  }

  /** Restores the thread's earlier grad mode on close. */
  public static final class Scope implements AutoCloseable {
    private final boolean before;

    private Scope(boolean before) {
      this.before = before;
    }

    @Override
    public void close() {
      JniUtils.setGradMode(before);
    }
  }
}
