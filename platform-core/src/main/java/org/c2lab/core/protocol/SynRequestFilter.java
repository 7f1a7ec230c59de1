package org.c2lab.core.protocol;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.c2lab.core.data.DistinctPrompts;
import org.c2lab.core.data.HarmfulExample;
import org.c2lab.core.data.PkuRow;
import org.c2lab.core.data.Words;

/**
 * The C2-Syn request filter ({@link SynFilterSettings}): which PKU-SafeRLHF rows become requests,
 * and with which harmful response.
 *
 * <p>The FHR follows the reference's selection: {@code response_0} if it is unsafe and long enough,
 * else {@code response_1} if it is. (This can differ from C2-Eval's rule, which takes any unsafe
 * {@code response_0} whatever its length.) {@link #check} is stateless; {@link #select} adds the
 * limit and optional de-duplication over a stream of rows.
 */
public final class SynRequestFilter implements Predicate<PkuRow> {
  /** Why a row was not taken. */
  public enum Reason {
    /** The prompt contains none of the keywords. */
    NO_KEYWORD,
    /** Both responses are labelled safe. */
    NO_UNSAFE_RESPONSE,
    /** No unsafe response has more than the minimum number of words. */
    UNSAFE_RESPONSE_TOO_SHORT,
    /** An earlier accepted row had the same prompt (with de-duplication on). */
    DUPLICATE_PROMPT
  }

  /**
   * The verdict on one row.
   *
   * @param example the request with its FHR when accepted, else null
   * @param reason why it was dropped, else null
   */
  public record Decision(HarmfulExample example, Reason reason) {
    public Decision {
      if ((example == null) == (reason == null)) {
        throw new IllegalArgumentException("exactly one of example and reason");
      }
    }

    public boolean accepted() {
      return example != null;
    }
  }

  private final SynFilterSettings settings;

  public SynRequestFilter(SynFilterSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The settings this filter applies. */
  public SynFilterSettings settings() {
    return settings;
  }

  /** Whether {@code row} passes keyword and length tests (ignores limit and de-duplication). */
  @Override
  public boolean test(PkuRow row) {
    return check(row).accepted();
  }

  /** The verdict on one row, ignoring limit and de-duplication. */
  public Decision check(PkuRow row) {
    if (settings.keywords().stream().noneMatch(row.prompt()::contains)) {
      return new Decision(null, Reason.NO_KEYWORD);
    }
    if (row.unsafeCount() == 0) {
      return new Decision(null, Reason.NO_UNSAFE_RESPONSE);
    }
    for (int i = 0; i <= 1; i++) {
      if (!row.isSafe(i) && Words.count(row.response(i)) > settings.minWordsExclusive()) {
        return new Decision(
            HarmfulExample.of(row.sourceFile(), row.line(), row.prompt(), row.response(i)), null);
      }
    }
    return new Decision(null, Reason.UNSAFE_RESPONSE_TOO_SHORT);
  }

  /** A fresh stateful selection (limit, de-duplication, counts of dropped rows). */
  public Selection newSelection() {
    return new Selection();
  }

  /**
   * Applies the filter, the de-duplication setting and the limit over rows in file order. Stops
   * pulling rows once the limit is reached, so rows after it are neither read nor counted.
   */
  public final class Selection {
    private final Map<Reason, Long> dropped = new EnumMap<>(Reason.class);
    private final DistinctPrompts seen = new DistinctPrompts();
    private long accepted;

    private Selection() {}

    /** The example if {@code row} is taken (and counts it), else empty (and counts why). */
    public Optional<HarmfulExample> offer(PkuRow row) {
      if (full()) {
        throw new IllegalStateException("limit of " + settings.limit() + " already reached");
      }
      Decision d = check(row);
      Reason reason = d.reason();
      if (d.accepted() && settings.deduplicatePrompts() && !seen.add(row.prompt())) {
        reason = Reason.DUPLICATE_PROMPT;
      }
      if (reason != null) {
        dropped.merge(reason, 1L, Long::sum);
        return Optional.empty();
      }
      accepted++;
      return Optional.of(d.example());
    }

    /** The accepted examples of {@code rows}, lazily, up to the limit. */
    public Stream<HarmfulExample> select(Stream<PkuRow> rows) {
      return rows.takeWhile(r -> !full()).map(this::offer).flatMap(Optional::stream);
    }

    /** Whether the limit is reached. */
    public boolean full() {
      return accepted >= settings.limit();
    }

    /** Rows accepted so far. */
    public long accepted() {
      return accepted;
    }

    /** Rows dropped so far, by reason (reasons with no rows absent). */
    public Map<Reason, Long> dropped() {
      return Map.copyOf(dropped);
    }
  }
}
