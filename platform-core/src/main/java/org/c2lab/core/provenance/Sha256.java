package org.c2lab.core.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/** SHA-256 content hashes as lower-case hex strings (64 characters). */
public final class Sha256 {
  private static final int BUFFER_BYTES = 1 << 16;

  private Sha256() {}

  /** Hash of a file's bytes, streamed so that multi-gigabyte model shards need no memory. */
  public static String of(Path file) throws IOException {
    MessageDigest digest = newDigest();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[BUFFER_BYTES];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Hash of the given bytes. */
  public static String of(byte[] bytes) {
    return HexFormat.of().formatHex(newDigest().digest(bytes));
  }

  /** Hash of the UTF-8 encoding of {@code text}. */
  public static String of(String text) {
    return of(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Hash of a sequence of text fields, each prefixed by its UTF-8 byte length, so that field
   * boundaries count: {@code ofFields("ab", "c")} differs from {@code ofFields("a", "bc")}.
   */
  public static String ofFields(String... fields) {
    MessageDigest digest = newDigest();
    ByteBuffer length = ByteBuffer.allocate(Integer.BYTES);
    for (String field : fields) {
      byte[] bytes = Objects.requireNonNull(field, "field").getBytes(StandardCharsets.UTF_8);
      digest.update(length.clear().putInt(bytes.length).array());
      digest.update(bytes);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must ship SHA-256 (Java SE spec), so this is a broken JVM.
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
