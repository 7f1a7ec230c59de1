package org.c2lab.core.model;

/** Why a generation ended. */
public enum FinishReason {
  /** End-of-text token, a stop token or a stop string. */
  STOP,
  /** {@link SamplingParams#maxNewTokens()} reached. */
  LENGTH,
  /** The caller cancelled; the text is what was generated so far. */
  CANCELLED,
  /** The backend failed for this sample; the text may be partial or empty. */
  ERROR
}
