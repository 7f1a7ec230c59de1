package org.c2lab.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * SHA-256 of a whole file, for when a reader stops early (e.g. {@code --limit 3}) and so cannot
 * report the digest it computes while streaming ({@link ReadSummary#sha256()}).
 */
public final class FileSha256 {
  private FileSha256() {}

  /** Lower-case hex SHA-256 of the file's bytes. */
  public static String of(Path file) throws IOException {
    MessageDigest d = RecordStream.sha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        d.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(d.digest());
  }
}
