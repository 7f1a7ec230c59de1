package org.c2lab.train.sft;

import java.util.Objects;

/**
 * One supervised example: a user prompt and the response to learn.
 *
 * @param prompt the user's request (no chat template applied), non-blank
 * @param response the assistant's answer
 */
public record SftExample(String prompt, String response) {
  public SftExample {
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(response, "response");
    if (prompt.isBlank()) {
      throw new IllegalArgumentException("prompt must not be blank");
    }
  }
}
