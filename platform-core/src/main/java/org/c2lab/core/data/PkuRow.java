package org.c2lab.core.data;

import java.util.Objects;
import java.util.Optional;

/**
 * One PKU-SafeRLHF row as read from disk (fields the platform uses; newer releases add more, which
 * the reader ignores).
 *
 * @param prompt the user's request, non-blank
 * @param response0 {@code response_0}
 * @param response1 {@code response_1}
 * @param response0Safe {@code is_response_0_safe}
 * @param response1Safe {@code is_response_1_safe}
 * @param betterResponseId {@code better_response_id} (0 or 1), or null when the file has none
 * @param saferResponseId {@code safer_response_id} (0 or 1), or null when the file has none
 * @param sourceFile file name the row came from
 * @param line 1-based line number
 */
public record PkuRow(
    String prompt,
    String response0,
    String response1,
    boolean response0Safe,
    boolean response1Safe,
    Integer betterResponseId,
    Integer saferResponseId,
    String sourceFile,
    long line) {

  public PkuRow {
    HarmfulExample.requireNonBlank(prompt, "prompt");
    Objects.requireNonNull(response0, "response0");
    Objects.requireNonNull(response1, "response1");
    requireIdOrNull(betterResponseId, "betterResponseId");
    requireIdOrNull(saferResponseId, "saferResponseId");
    HarmfulExample.requireNonBlank(sourceFile, "sourceFile");
    if (line < 1) {
      throw new IllegalArgumentException("line must be >= 1, got " + line);
    }
  }

  /** {@code "<file-name>:<line>"}, the {@link HarmfulExample#rowId()} of this row. */
  public String rowId() {
    return sourceFile + ":" + line;
  }

  /** How many of the two responses are labelled unsafe: 0, 1 or 2. */
  public int unsafeCount() {
    return (response0Safe ? 0 : 1) + (response1Safe ? 0 : 1);
  }

  /**
   * The harmful response by the protocol's rule: {@code response_0} if it is unsafe, else {@code
   * response_1} if that is unsafe; empty when both are safe.
   */
  public Optional<HarmfulExample> harmfulExample() {
    if (!response0Safe) {
      return Optional.of(HarmfulExample.of(sourceFile, line, prompt, response0));
    }
    if (!response1Safe) {
      return Optional.of(HarmfulExample.of(sourceFile, line, prompt, response1));
    }
    return Optional.empty();
  }

  /** The response with the given index (0 or 1). */
  public String response(int index) {
    return switch (index) {
      case 0 -> response0;
      case 1 -> response1;
      default -> throw new IllegalArgumentException("response index must be 0 or 1: " + index);
    };
  }

  /** Whether the response with the given index (0 or 1) is labelled safe. */
  public boolean isSafe(int index) {
    return switch (index) {
      case 0 -> response0Safe;
      case 1 -> response1Safe;
      default -> throw new IllegalArgumentException("response index must be 0 or 1: " + index);
    };
  }

  private static void requireIdOrNull(Integer id, String name) {
    if (id != null && id != 0 && id != 1) {
      throw new IllegalArgumentException(name + " must be 0, 1 or null, got " + id);
    }
  }
}
