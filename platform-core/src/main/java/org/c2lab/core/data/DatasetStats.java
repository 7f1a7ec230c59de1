package org.c2lab.core.data;

import java.util.List;
import java.util.Objects;

/**
 * What {@code data inspect} shows about a PKU-SafeRLHF file, from one streaming pass over it.
 *
 * <p>Counts are over all well-formed rows (no de-duplication); {@code harmfulWordLengths} is over
 * the harmful response that the protocol picks per row (see {@link PkuRow#harmfulExample()}), so it
 * has {@code rowsOneUnsafe + rowsTwoUnsafe} entries. Words are whitespace runs as in {@link Words}.
 *
 * @param file file name
 * @param sha256 lower-case hex SHA-256 of the file's bytes
 * @param lines physical lines
 * @param rows well-formed rows
 * @param malformedLines lines skipped as malformed (0 in strict mode, which throws instead)
 * @param firstErrors messages of the first few malformed lines
 * @param distinctPrompts distinct {@code prompt} values among the rows
 * @param rowsNoUnsafe rows whose two responses are both safe (C2 skips these)
 * @param rowsOneUnsafe rows with exactly one unsafe response
 * @param rowsTwoUnsafe rows with two unsafe responses
 * @param harmfulWordLengths word-length distribution of the harmful responses
 */
public record DatasetStats(
    String file,
    String sha256,
    long lines,
    long rows,
    long malformedLines,
    List<String> firstErrors,
    long distinctPrompts,
    long rowsNoUnsafe,
    long rowsOneUnsafe,
    long rowsTwoUnsafe,
    WordLengthSummary harmfulWordLengths) {

  public DatasetStats {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(sha256, "sha256");
    firstErrors = List.copyOf(firstErrors);
    Objects.requireNonNull(harmfulWordLengths, "harmfulWordLengths");
    if (rowsNoUnsafe + rowsOneUnsafe + rowsTwoUnsafe != rows) {
      throw new IllegalArgumentException("safe/unsafe counts do not add up to rows");
    }
    if (distinctPrompts > rows) {
      throw new IllegalArgumentException("more distinct prompts than rows");
    }
    if (harmfulWordLengths.count() != rowsOneUnsafe + rowsTwoUnsafe) {
      throw new IllegalArgumentException("one harmful response per row with an unsafe response");
    }
  }

  /** Rows that yield a harmful example (at least one unsafe response). */
  public long rowsWithHarmfulResponse() {
    return rowsOneUnsafe + rowsTwoUnsafe;
  }
}
