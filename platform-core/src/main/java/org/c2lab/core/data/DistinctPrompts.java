package org.c2lab.core.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The set of prompts seen so far, kept as 64-bit hashes so that de-duplicating millions of rows
 * needs no copy of their text.
 *
 * <p>Memory: an open-addressing table of {@code long}s kept at most half full, so 16 to 32 bytes
 * per distinct prompt (about 32 MB for a million distinct prompts, briefly 1.5x that while the
 * table doubles). The hash is the first 8 bytes of the prompt's UTF-8 SHA-256; two different
 * prompts collide with probability about n²/2⁶⁵ (3·10⁻⁸ for a million prompts), in which case the
 * later one is wrongly treated as a duplicate. Prompts are compared exactly: no trimming or case
 * folding. Not thread-safe.
 */
public final class DistinctPrompts {
  private long[] table = new long[1024];
  private int size;
  private final MessageDigest sha256;

  public DistinctPrompts() {
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Records {@code prompt}; true iff it was not seen before (its first occurrence). */
  public boolean add(String prompt) {
    long h = hash(prompt);
    if (insert(table, h)) {
      size++;
      if (size * 2 > table.length) {
        grow();
      }
      return true;
    }
    return false;
  }

  /** How many distinct prompts were added. */
  public int size() {
    return size;
  }

  private long hash(String prompt) {
    byte[] d = sha256.digest(prompt.getBytes(StandardCharsets.UTF_8));
    long h = 0;
    for (int i = 0; i < 8; i++) {
      h = (h << 8) | (d[i] & 0xff);
    }
    return h == 0 ? 1 : h; // 0 marks an empty slot
  }

  private static boolean insert(long[] t, long h) {
    int mask = t.length - 1;
    for (int i = (int) (h ^ (h >>> 32)) & mask; ; i = (i + 1) & mask) {
      if (t[i] == 0) {
        t[i] = h;
        return true;
      }
      if (t[i] == h) {
        return false;
      }
    }
  }

  private void grow() {
    long[] bigger = new long[table.length * 2];
    for (long h : table) {
      if (h != 0) {
        insert(bigger, h);
      }
    }
    table = bigger;
  }
}
