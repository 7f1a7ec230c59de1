package org.c2lab.core.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads preference-pair JSON Lines: TRL's standard format ({@code prompt, chosen, rejected}
 * strings; other fields ignored) with the metadata that {@link PreferencePairWriter} adds when
 * present. TRL's conversational format (lists of messages) and implicit-prompt format (no {@code
 * prompt}) are reported as malformed ({@code chosen: expected string, got array}, {@code prompt:
 * missing}).
 *
 * <p>Metadata errors: {@code request_id: expected string, got 7}, {@code chosen_rank: expected
 * integer, got "1"}, {@code rejected_rank: missing} (when only one rank is given), {@code
 * rejected_rank: expected greater than chosen_rank 3, got 2}, {@code chosen_rank: expected >= 1,
 * got 0}, {@code cut_positions: expected strictly increasing offsets >= 0, got [5, 3]}.
 */
public final class PreferencePairReader {
  private final boolean lenient;
  private final int maxErrorsKept;

  private PreferencePairReader(boolean lenient, int maxErrorsKept) {
    this.lenient = lenient;
    this.maxErrorsKept = maxErrorsKept;
  }

  /** A reader that throws {@link MalformedDataException} on the first malformed line. */
  public static PreferencePairReader strict() {
    return new PreferencePairReader(false, 0);
  }

  /** A reader that skips malformed lines, keeping the first {@code maxErrorsKept} messages. */
  public static PreferencePairReader lenient(int maxErrorsKept) {
    if (maxErrorsKept < 0) {
      throw new IllegalArgumentException("maxErrorsKept must be >= 0, got " + maxErrorsKept);
    }
    return new PreferencePairReader(true, maxErrorsKept);
  }

  /** Streams the pairs of {@code file}. */
  public RecordStream<PreferencePair> open(Path file) throws IOException {
    return new RecordStream<>(file, lenient, maxErrorsKept, (o, f, l, s) -> decode(o));
  }

  private static PreferencePair decode(JsonNode obj) {
    String prompt = JsonFields.requireString(obj, "prompt");
    if (prompt.isBlank()) {
      throw new JsonFields.Problem("prompt", "blank");
    }
    String chosen = JsonFields.requireString(obj, "chosen");
    String rejected = JsonFields.requireString(obj, "rejected");
    String requestId = JsonFields.optionalString(obj, "request_id");
    if (requestId != null && requestId.isBlank()) {
      throw new JsonFields.Problem("request_id", "blank");
    }
    Integer chosenRank = JsonFields.optionalInt(obj, "chosen_rank");
    Integer rejectedRank = JsonFields.optionalInt(obj, "rejected_rank");
    if (chosenRank == null && rejectedRank != null) {
      throw new JsonFields.Problem("chosen_rank", "missing");
    }
    if (chosenRank != null && rejectedRank == null) {
      throw new JsonFields.Problem("rejected_rank", "missing");
    }
    if (chosenRank != null && chosenRank < 1) {
      throw new JsonFields.Problem("chosen_rank", "expected >= 1, got " + chosenRank);
    }
    if (chosenRank != null && rejectedRank <= chosenRank) {
      throw new JsonFields.Problem(
          "rejected_rank",
          "expected greater than chosen_rank " + chosenRank + ", got " + rejectedRank);
    }
    List<Integer> cuts = JsonFields.optionalIntList(obj, "cut_positions");
    try {
      PreferencePair.requireIncreasing(cuts);
    } catch (IllegalArgumentException e) {
      throw new JsonFields.Problem(
          "cut_positions", "expected strictly increasing offsets >= 0, got " + cuts);
    }
    return new PreferencePair(
        prompt,
        chosen,
        rejected,
        chosenRank == null ? 0 : chosenRank,
        rejectedRank == null ? 0 : rejectedRank,
        cuts,
        requestId);
  }
}
