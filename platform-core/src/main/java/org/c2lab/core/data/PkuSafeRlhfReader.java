package org.c2lab.core.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Streams PKU-SafeRLHF JSON Lines: {@code prompt, response_0, response_1, is_response_0_safe,
 * is_response_1_safe} are required, {@code better_response_id, safer_response_id} optional (0 or 1
 * when present), other fields are ignored (newer releases add some).
 *
 * <pre>{@code
 * PkuSafeRlhfReader reader = PkuSafeRlhfReader.builder().deduplicatePrompts(true).build();
 * try (RecordStream<HarmfulExample> examples = reader.harmfulExamples(path)) {
 *   examples.stream().limit(3).forEach(...);
 * }
 * DatasetStats stats = reader.inspect(path);
 * }</pre>
 *
 * <p>Error messages for malformed lines: {@code prompt: missing}, {@code is_response_0_safe:
 * expected boolean, got "yes"}, {@code prompt: blank}, {@code better_response_id: expected 0 or 1,
 * got 2}, {@code <json>: invalid JSON at column 12}, {@code <json>: expected JSON object, got
 * array}, each prefixed by {@code file:line: }.
 *
 * <p>Memory is constant except for prompt de-duplication (and the distinct-prompt count of {@link
 * #inspect}), which keeps {@link DistinctPrompts}: 16-32 bytes per distinct prompt.
 */
public final class PkuSafeRlhfReader {
  /** Skip reason of rows whose two responses are both labelled safe. */
  public static final String BOTH_SAFE = "both responses safe";

  /** Skip reason of rows whose prompt appeared earlier (with de-duplication on). */
  public static final String DUPLICATE_PROMPT = "duplicate prompt";

  private final boolean lenient;
  private final int maxErrorsKept;
  private final boolean deduplicatePrompts;

  private PkuSafeRlhfReader(Builder b) {
    this.lenient = b.lenient;
    this.maxErrorsKept = b.maxErrorsKept;
    this.deduplicatePrompts = b.deduplicatePrompts;
  }

  /** Strict, no de-duplication, 10 error messages kept. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * All well-formed rows, both-safe ones included; with de-duplication, only the first row of each
   * prompt.
   */
  public RecordStream<PkuRow> rows(Path file) throws IOException {
    DistinctPrompts seen = deduplicatePrompts ? new DistinctPrompts() : null;
    return new RecordStream<>(
        file,
        lenient,
        maxErrorsKept,
        (obj, name, line, skips) -> {
          PkuRow row = decode(obj, name, line);
          if (seen != null && !seen.add(row.prompt())) {
            skips.skip(DUPLICATE_PROMPT);
            return null;
          }
          return row;
        });
  }

  /**
   * The harmful example of each row (see {@link PkuRow#harmfulExample()}); rows with two safe
   * responses are skipped as {@value #BOTH_SAFE}. De-duplication applies after that skip: the first
   * row of a prompt that has an unsafe response wins.
   */
  public RecordStream<HarmfulExample> harmfulExamples(Path file) throws IOException {
    DistinctPrompts seen = deduplicatePrompts ? new DistinctPrompts() : null;
    return new RecordStream<>(
        file,
        lenient,
        maxErrorsKept,
        (obj, name, line, skips) -> {
          PkuRow row = decode(obj, name, line);
          HarmfulExample ex = row.harmfulExample().orElse(null);
          if (ex == null) {
            skips.skip(BOTH_SAFE);
          } else if (seen != null && !seen.add(row.prompt())) {
            skips.skip(DUPLICATE_PROMPT);
            ex = null;
          }
          return ex;
        });
  }

  /**
   * Statistics of the whole file in one pass. Ignores the de-duplication setting (it counts
   * distinct prompts instead); honours strict/lenient.
   */
  public DatasetStats inspect(Path file) throws IOException {
    DistinctPrompts prompts = new DistinctPrompts();
    long[] byUnsafe = new long[3];
    WordLengthSummary.Accumulator lengths = new WordLengthSummary.Accumulator();
    try (RecordStream<PkuRow> rows =
        new RecordStream<>(file, lenient, maxErrorsKept, (o, n, l, s) -> decode(o, n, l))) {
      while (rows.hasNext()) {
        PkuRow row = rows.next();
        prompts.add(row.prompt());
        byUnsafe[row.unsafeCount()]++;
        row.harmfulExample().ifPresent(ex -> lengths.add(Words.count(ex.harmfulResponse())));
      }
      ReadSummary s = rows.summary();
      return new DatasetStats(
          s.file(),
          s.sha256(),
          s.lines(),
          s.records(),
          s.malformedLines(),
          s.firstErrors(),
          prompts.size(),
          byUnsafe[0],
          byUnsafe[1],
          byUnsafe[2],
          lengths.summary());
    }
  }

  private static PkuRow decode(JsonNode obj, String file, long line) {
    String prompt = JsonFields.requireString(obj, "prompt");
    if (prompt.isBlank()) {
      throw new JsonFields.Problem("prompt", "blank");
    }
    String r0 = JsonFields.requireString(obj, "response_0");
    String r1 = JsonFields.requireString(obj, "response_1");
    boolean safe0 = JsonFields.requireBoolean(obj, "is_response_0_safe");
    boolean safe1 = JsonFields.requireBoolean(obj, "is_response_1_safe");
    // An unsafe response is a harmful example's FHR, which must have text.
    if (!safe0 && r0.isBlank()) {
      throw new JsonFields.Problem("response_0", "blank, but labelled unsafe");
    }
    if (!safe1 && r1.isBlank()) {
      throw new JsonFields.Problem("response_1", "blank, but labelled unsafe");
    }
    Integer better = JsonFields.optionalResponseId(obj, "better_response_id");
    Integer safer = JsonFields.optionalResponseId(obj, "safer_response_id");
    return new PkuRow(prompt, r0, r1, safe0, safe1, better, safer, file, line);
  }

  /** Options of a {@link PkuSafeRlhfReader}. */
  public static final class Builder {
    private boolean lenient;
    private int maxErrorsKept = 10;
    private boolean deduplicatePrompts;

    private Builder() {}

    /** Lenient: skip and count malformed lines instead of throwing. Default strict. */
    public Builder lenient(boolean lenient) {
      this.lenient = lenient;
      return this;
    }

    /** How many malformed-line messages lenient mode keeps. Default 10. */
    public Builder maxErrorsKept(int maxErrorsKept) {
      if (maxErrorsKept < 0) {
        throw new IllegalArgumentException("maxErrorsKept must be >= 0, got " + maxErrorsKept);
      }
      this.maxErrorsKept = maxErrorsKept;
      return this;
    }

    /**
     * Hand out only the first occurrence of each prompt (exact text). Default off, as in the
     * reference code; turn it on so repeated prompts do not weigh more in Corr@k.
     */
    public Builder deduplicatePrompts(boolean deduplicatePrompts) {
      this.deduplicatePrompts = deduplicatePrompts;
      return this;
    }

    public PkuSafeRlhfReader build() {
      return new PkuSafeRlhfReader(this);
    }
  }
}
