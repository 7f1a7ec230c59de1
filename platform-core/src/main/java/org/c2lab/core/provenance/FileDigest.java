package org.c2lab.core.provenance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A file an artifact depends on (a data set, a model shard), identified by its content.
 *
 * @param path the path as given when the file was hashed (absolute or relative to the run)
 * @param sizeBytes the file size in bytes
 * @param sha256 lower-case hex SHA-256 of the content
 */
public record FileDigest(String path, long sizeBytes, String sha256) {
  private static final Pattern HEX_64 = Pattern.compile("[0-9a-f]{64}");

  public FileDigest {
    Objects.requireNonNull(path, "path");
    if (path.isBlank()) {
      throw new IllegalArgumentException("path must not be blank");
    }
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("sizeBytes must be >= 0, was " + sizeBytes);
    }
    Objects.requireNonNull(sha256, "sha256");
    if (!HEX_64.matcher(sha256).matches()) {
      throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits: " + sha256);
    }
  }

  /** Hashes {@code file} now (streaming) and records its size. */
  public static FileDigest of(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("not a regular file: " + file);
    }
    return new FileDigest(file.toString(), Files.size(file), Sha256.of(file));
  }
}
