package org.c2lab.eval.c2eval;

import java.util.ArrayList;
import java.util.List;
import org.c2lab.core.provenance.Sha256;

/**
 * The sampling seed of every C2-Eval path, derived from its key and never from processing order:
 * {@code seed(runSeed, requestId, k, path)} = the first 8 bytes (big-endian, as a signed long) of
 * {@code Sha256.ofFields("c2-eval-path", runSeed, requestId, k, path)} with numbers in decimal. So
 * a resumed or re-batched run samples exactly the same paths, and two models evaluated with the
 * same run seed see the same seeds (their paths are paired for {@code eval compare}).
 */
public final class PathSeeds {
  private static final String DOMAIN = "c2-eval-path";

  private PathSeeds() {}

  /** The seed of one path. */
  public static long seed(long runSeed, String requestId, int k, int path) {
    String hex =
        Sha256.ofFields(
            DOMAIN, Long.toString(runSeed), requestId, Integer.toString(k), Integer.toString(path));
    return Long.parseUnsignedLong(hex.substring(0, 16), 16);
  }

  /** The seeds of paths 0..b-1 of one (request, k). */
  public static List<Long> seeds(long runSeed, String requestId, int k, int b) {
    List<Long> seeds = new ArrayList<>(b);
    for (int path = 0; path < b; path++) {
      seeds.add(seed(runSeed, requestId, k, path));
    }
    return seeds;
  }
}
