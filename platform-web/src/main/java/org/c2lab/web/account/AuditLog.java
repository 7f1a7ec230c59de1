package org.c2lab.web.account;

import java.time.Instant;
import java.util.Objects;
import org.c2lab.core.store.Page;
import org.c2lab.core.store.PageRequest;

/**
 * Who launched, cancelled, deleted or revealed what, and when. Append-only; newest first when
 * listed.
 */
public interface AuditLog {
  /** Appends an entry now. */
  void record(Principal actor, String action, String target, String detail);

  /** Entries, newest first. */
  Page<Entry> list(PageRequest page);

  /**
   * One audited action.
   *
   * @param at when
   * @param actor the username
   * @param action e.g. {@code run.launch}, {@code run.cancel}, {@code run.delete}, {@code reveal}
   * @param target what it acted on, e.g. a run id
   * @param detail free text, may be empty
   */
  record Entry(Instant at, String actor, String action, String target, String detail) {
    public Entry {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(actor, "actor");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(target, "target");
      detail = detail == null ? "" : detail;
    }
  }
}
