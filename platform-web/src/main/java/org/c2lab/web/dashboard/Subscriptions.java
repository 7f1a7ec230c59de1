package org.c2lab.web.dashboard;

import org.slf4j.LoggerFactory;

/** Closing run-service subscriptions when a view detaches. */
final class Subscriptions {
  private Subscriptions() {}

  /** Closes {@code handle} if not null; a failure is logged, never thrown into the UI. */
  static void close(AutoCloseable handle) {
    if (handle == null) {
      return;
    }
    try {
      handle.close();
    } catch (Exception e) {
      LoggerFactory.getLogger(Subscriptions.class).warn("closing a run subscription", e);
    }
  }
}
