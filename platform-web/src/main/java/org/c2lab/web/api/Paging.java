package org.c2lab.web.api;

import org.c2lab.core.store.PageRequest;
import org.c2lab.web.problem.Problem;

/**
 * The {@code offset} and {@code limit} query parameters of listings, validated: offset &gt;= 0
 * (default 0), limit in 1..{@value #MAX_LIMIT} (default {@value #DEFAULT_LIMIT}); a bad value is a
 * 400 naming the parameter.
 */
public final class Paging {
  /** The largest page the API returns. */
  public static final int MAX_LIMIT = 1000;

  /** The page size when none is asked for. */
  public static final int DEFAULT_LIMIT = 50;

  private Paging() {}

  /** The page the two raw parameters ask for (either may be null for its default). */
  public static PageRequest of(String offset, String limit) {
    long from = offset == null || offset.isBlank() ? 0 : parse(offset, "offset");
    long size = limit == null || limit.isBlank() ? DEFAULT_LIMIT : parse(limit, "limit");
    if (from < 0) {
      throw Problem.invalid("offset", "must be >= 0, got " + from);
    }
    if (size < 1 || size > MAX_LIMIT) {
      throw Problem.invalid("limit", "must be in 1.." + MAX_LIMIT + ", got " + size);
    }
    return new PageRequest(from, (int) size);
  }

  private static long parse(String value, String field) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw Problem.invalid(field, "expected an integer, got '" + value + "'");
    }
  }
}
