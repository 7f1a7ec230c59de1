package org.c2lab.core.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link RecordStream} has read so far.
 *
 * @param file the file name (no folders)
 * @param lines physical lines read, including blank and malformed ones
 * @param records records handed out
 * @param malformedLines lines skipped as malformed (lenient mode; strict mode throws instead)
 * @param firstErrors the messages of the first few malformed lines, {@code file:line: field: ...}
 * @param skipped well-formed lines not handed out, counted by reason (e.g. {@code "both responses
 *     safe"}, {@code "duplicate prompt"}, {@code "blank line"}), in first-seen order
 * @param sha256 lower-case hex SHA-256 of the whole file, or null unless {@link #complete()}
 */
public record ReadSummary(
    String file,
    long lines,
    long records,
    long malformedLines,
    List<String> firstErrors,
    Map<String, Long> skipped,
    String sha256) {

  public ReadSummary {
    Objects.requireNonNull(file, "file");
    firstErrors = List.copyOf(firstErrors);
    skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
  }

  /** Whether the file was read to its end (and {@link #sha256()} is therefore known). */
  public boolean complete() {
    return sha256 != null;
  }

  /** How many lines were skipped for {@code reason}. */
  public long skipped(String reason) {
    return skipped.getOrDefault(reason, 0L);
  }
}
