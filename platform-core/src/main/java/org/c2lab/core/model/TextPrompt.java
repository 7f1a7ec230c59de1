package org.c2lab.core.model;

import java.util.Objects;

/** A prompt given as text. */
public record TextPrompt(String text) implements Prompt {
  public TextPrompt {
    Objects.requireNonNull(text, "text");
  }

  @Override
  public boolean isEmpty() {
    return text.isEmpty();
  }
}
