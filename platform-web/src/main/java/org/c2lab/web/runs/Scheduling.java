package org.c2lab.web.runs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.c2lab.core.job.JobStatus;

/**
 * Which waiting runs start now: in each lane, while it has a free slot ({@link
 * QueueSettings#capacity}), the ready run of highest priority, first submitted first. A run that is
 * not ready (its dependencies have not succeeded) does not hold up the runs behind it.
 */
final class Scheduling {
  /** Higher priority first, then submission order. */
  static final Comparator<QueuedRun> ORDER =
      Comparator.comparing((QueuedRun r) -> -r.priority).thenComparingLong(r -> r.seq);

  private Scheduling() {}

  /**
   * @param runs every run (only queued ones are considered)
   * @param running runs now running per lane
   * @param ready whether a queued run may start (called in {@link #ORDER})
   * @return the runs to start, in order
   */
  static List<QueuedRun> next(
      Collection<QueuedRun> runs,
      Map<String, Integer> running,
      QueueSettings settings,
      Predicate<QueuedRun> ready) {
    Map<String, Integer> busy = new HashMap<>(running);
    List<QueuedRun> start = new ArrayList<>();
    List<QueuedRun> waiting =
        runs.stream().filter(r -> r.status == JobStatus.QUEUED).sorted(ORDER).toList();
    for (QueuedRun r : waiting) {
      if (busy.getOrDefault(r.lane, 0) < settings.capacity(r.lane) && ready.test(r)) {
        busy.merge(r.lane, 1, Integer::sum);
        start.add(r);
      }
    }
    return start;
  }
}
