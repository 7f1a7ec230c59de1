/**
 * Data on disk: PKU-SafeRLHF rows in, TRL-style preference pairs in and out.
 *
 * <p>Every reader streams (constant memory apart from the optional prompt de-duplication set),
 * computes the file's SHA-256 while reading, and reports bad input as a {@link
 * org.c2lab.core.data.MalformedDataException} whose message is {@code file:line: field: problem}.
 */
package org.c2lab.core.data;
