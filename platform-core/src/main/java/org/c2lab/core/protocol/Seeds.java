package org.c2lab.core.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/**
 * Per-request random streams derived from the run's seed, so that a request's choices do not depend
 * on which other requests run, in which order, batch or thread.
 *
 * <p>Derivation: the UTF-8 bytes of {@code domain, seed, part1, part2, ...} (decimal numbers,
 * joined by U+0000) are hashed with SHA-256; the first 8 bytes, big-endian, seed a {@link
 * SplittableRandom}. Stable across JVMs and platforms.
 */
final class Seeds {
  private Seeds() {}

  static SplittableRandom random(String domain, long seed, Object... parts) {
    StringBuilder sb = new StringBuilder(domain).append('\0').append(seed);
    for (Object p : parts) {
      sb.append('\0').append(p);
    }
    byte[] d;
    try {
      d =
          MessageDigest.getInstance("SHA-256")
              .digest(sb.toString().getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
    long s = 0;
    for (int i = 0; i < 8; i++) {
      s = (s << 8) | (d[i] & 0xff);
    }
    return new SplittableRandom(s);
  }
}
