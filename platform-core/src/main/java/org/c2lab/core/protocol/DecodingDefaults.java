package org.c2lab.core.protocol;

import java.util.Properties;

/**
 * C2-Eval sampling settings: temperature 0.8, top-p 0.7, at most 32 new tokens by default (the
 * reference code's last version; earlier ones used 256 tokens with the keyword detector).
 *
 * @param temperature sampling temperature, > 0
 * @param topP nucleus mass, in (0, 1]
 * @param maxNewTokens tokens generated after the prefill, >= 1
 */
public record DecodingDefaults(double temperature, double topP, int maxNewTokens) {

  public DecodingDefaults {
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
    }
    if (!(topP > 0 && topP <= 1)) {
      throw new IllegalArgumentException("topP must be in (0, 1], got " + topP);
    }
    if (maxNewTokens < 1) {
      throw new IllegalArgumentException("maxNewTokens must be >= 1, got " + maxNewTokens);
    }
  }

  /** From properties {@code temperature, top_p, max_new_tokens}; {@code source} names the file. */
  public static DecodingDefaults fromProperties(Properties p, String source) {
    try {
      return new DecodingDefaults(
          Double.parseDouble(ProtocolResources.require(p, "temperature", source)),
          Double.parseDouble(ProtocolResources.require(p, "top_p", source)),
          Integer.parseInt(ProtocolResources.require(p, "max_new_tokens", source)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }
}
