package org.c2lab.web.api;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.function.Function;
import org.c2lab.core.store.Page;

/**
 * A page of a listing as the REST API returns it.
 *
 * @param items the items, in listing order
 * @param offset position of the first item
 * @param limit the most items asked for
 * @param total items in the whole listing
 * @param <T> the item type
 */
@Serdeable
public record PageView<T>(List<T> items, long offset, int limit, long total) {
  /** A core page mapped item by item. */
  public static <S, T> PageView<T> of(Page<S> page, int limit, Function<S, T> map) {
    return new PageView<>(
        page.items().stream().map(map).toList(), page.offset(), limit, page.total());
  }
}
