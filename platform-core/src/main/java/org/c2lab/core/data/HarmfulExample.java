package org.c2lab.core.data;

import java.util.Objects;

/**
 * One harmful request and its harmful response (FHR), as C2-Eval and C2-Syn consume it.
 *
 * <p>{@code rowId} is {@code "<file-name>:<line>"} for rows read from a file (see {@link #of}):
 * unique within a file, readable in logs and error messages, and stable as long as the file is the
 * same (datasets are registered with their SHA-256). It is not a content hash on purpose: PKU-
 * SafeRLHF repeats prompts, and even prompt-response pairs (5 times in the 500-row test split), so
 * a content hash would not identify a row. The id seeds per-request randomness (phrase choice, cut
 * points), so renaming the data file changes those choices; moving it to another folder does not,
 * because only the file name is used.
 *
 * @param rowId stable id of the row, non-blank
 * @param request the user's request (PKU-SafeRLHF {@code prompt}), non-blank
 * @param harmfulResponse the unsafe response used as FHR, non-blank
 * @param sourceFile the file name the row came from (no folders), non-blank
 * @param line 1-based line number in {@code sourceFile}; 0 when the example did not come from a
 *     line-oriented file
 */
public record HarmfulExample(
    String rowId, String request, String harmfulResponse, String sourceFile, long line) {

  public HarmfulExample {
    requireNonBlank(rowId, "rowId");
    requireNonBlank(request, "request");
    requireNonBlank(harmfulResponse, "harmfulResponse");
    requireNonBlank(sourceFile, "sourceFile");
    if (line < 0) {
      throw new IllegalArgumentException("line must be >= 0, got " + line);
    }
  }

  /** An example whose row id is {@code sourceFile + ":" + line}. */
  public static HarmfulExample of(
      String sourceFile, long line, String request, String harmfulResponse) {
    return new HarmfulExample(sourceFile + ":" + line, request, harmfulResponse, sourceFile, line);
  }

  static void requireNonBlank(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }
}
