package org.c2lab.web.account;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.c2lab.core.provenance.Sha256;

/**
 * API tokens: {@value #PREFIX} followed by 32 random bytes in URL-safe Base64. Only a token's
 * SHA-256 is stored: a token is random and long, so a plain hash suffices (no salt or slow hash),
 * and a database leak reveals no usable token.
 */
final class ApiTokens {
  /** Every token starts with this, so that leaked tokens are easy to recognise and scan for. */
  static final String PREFIX = "c2_";

  private static final int TOKEN_BYTES = 32;
  private static final int ID_BYTES = 8;

  private final SecureRandom random;

  ApiTokens(SecureRandom random) {
    this.random = random;
  }

  /** A new secret token. */
  String newToken() {
    byte[] bytes = new byte[TOKEN_BYTES];
    random.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A new public token id (16 hex digits), what listings and revocation use. */
  String newId() {
    byte[] bytes = new byte[ID_BYTES];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** The hex SHA-256 of the token, what the database keeps. */
  static String hash(String token) {
    return Sha256.of(token);
  }

  /** Whether the text could be one of our tokens (cheap check before a database look-up). */
  static boolean looksLikeToken(String text) {
    return text != null && text.startsWith(PREFIX) && text.length() > PREFIX.length() + 20;
  }
}
