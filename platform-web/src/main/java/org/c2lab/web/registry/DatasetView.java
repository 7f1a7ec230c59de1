package org.c2lab.web.registry;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A registered dataset file.
 *
 * @param id the registry id
 * @param name a display name
 * @param path the file on the server
 * @param format {@code pku-saferlhf}, {@code preference-pairs} or {@code sft} ({@link
 *     DatasetFormat#id()})
 * @param sha256 SHA-256 of the file's bytes
 * @param rows data rows (non-blank lines)
 * @param sizeBytes the file's size
 * @param uploaded whether it was uploaded (stored under {@code $C2_HOME/datasets})
 * @param discovered whether it was found (the repository's demo, {@code $C2_HOME/datasets})
 * @param createdBy who registered it ({@code system} for discovered files)
 * @param createdAt when
 */
@Serdeable
public record DatasetView(
    String id,
    String name,
    String path,
    String format,
    String sha256,
    long rows,
    long sizeBytes,
    boolean uploaded,
    boolean discovered,
    String createdBy,
    Instant createdAt) {}
