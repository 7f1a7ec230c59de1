package org.c2lab.train.batch;

/**
 * A prompt and one response as token ids: the response is what the loss covers.
 *
 * @param prompt prompt ids, non-empty (the template's BOS, if any, included)
 * @param response response ids, non-empty (the template's end of turn included)
 */
public record TokenizedSequence(int[] prompt, int[] response) {
  public TokenizedSequence {
    if (prompt.length == 0 || response.length == 0) {
      throw new IllegalArgumentException(
          "prompt and response must both have tokens, got "
              + prompt.length
              + " and "
              + response.length);
    }
    prompt = prompt.clone();
    response = response.clone();
  }

  /** Prompt plus response tokens. */
  public int length() {
    return prompt.length + response.length;
  }

  @Override
  public int[] prompt() {
    return prompt.clone();
  }

  @Override
  public int[] response() {
    return response.clone();
  }

  /** The ids of prompt then response. */
  public long[] ids() {
    long[] out = new long[length()];
    for (int i = 0; i < prompt.length; i++) {
      out[i] = prompt[i];
    }
    for (int i = 0; i < response.length; i++) {
      out[prompt.length + i] = response[i];
    }
    return out;
  }
}
