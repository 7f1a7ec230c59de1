package org.c2lab.core.store;

/**
 * Which slice of a listing to return.
 *
 * @param offset items to skip, >= 0
 * @param limit most items to return, in [1, {@link #MAX_LIMIT}]
 */
public record PageRequest(long offset, int limit) {
  /** The largest page a store returns at once. */
  public static final int MAX_LIMIT = 10_000;

  public PageRequest {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0, was " + offset);
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be in [1, " + MAX_LIMIT + "], was " + limit);
    }
  }

  /** The first {@code limit} items. */
  public static PageRequest first(int limit) {
    return new PageRequest(0, limit);
  }

  /** The page after this one. */
  public PageRequest next() {
    return new PageRequest(offset + limit, limit);
  }

  /** Whether position {@code index} (0-based) of a listing falls in this page. */
  boolean contains(long index) {
    return index >= offset && index - offset < limit;
  }
}
