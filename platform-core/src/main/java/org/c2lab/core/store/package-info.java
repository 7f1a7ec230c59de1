/**
 * The {@link org.c2lab.core.store.RunStore} SPI (runs, metric series, per-sample records, all
 * paged) with an in-memory store for tests and an append-only file store for the CLI.
 */
package org.c2lab.core.store;
