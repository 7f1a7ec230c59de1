package org.c2lab.core.store;

import java.util.List;

/**
 * A slice of a listing.
 *
 * @param items the items of the slice, in listing order
 * @param offset position of the first item in the listing
 * @param total number of items in the whole listing
 */
public record Page<T>(List<T> items, long offset, long total) {
  public Page {
    items = List.copyOf(items);
    if (offset < 0 || total < 0) {
      throw new IllegalArgumentException("offset and total must be >= 0");
    }
  }

  /** The requested slice of a listing held in memory. */
  public static <T> Page<T> of(List<T> all, PageRequest request) {
    int from = (int) Math.min(request.offset(), all.size());
    int to = (int) Math.min((long) from + request.limit(), all.size());
    return new Page<>(all.subList(from, to), request.offset(), all.size());
  }

  /** Whether items follow this page. */
  public boolean hasMore() {
    return offset + items.size() < total;
  }
}
