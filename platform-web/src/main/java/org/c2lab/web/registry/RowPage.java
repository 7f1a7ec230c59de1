package org.c2lab.web.registry;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A page of a dataset's rows.
 *
 * @param items the rows
 * @param offset position of the first among the matching rows
 * @param limit the most rows asked for
 * @param total matching rows (all rows without a query)
 * @param query the search text, or null
 */
@Serdeable
public record RowPage(List<DatasetRow> items, long offset, int limit, long total, String query) {}
