package org.c2lab.web.account;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.c2lab.web.problem.Problem;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Password hashing with bcrypt (Spring Security's implementation, cost {@value #COST}), the rules a
 * new password must meet, and one-time passwords.
 */
final class Passwords {
  /** bcrypt's work factor: 2^12 rounds, about 0.2-0.3 s per hash on a server core. */
  static final int COST = 12;

  /** Shortest accepted password. */
  static final int MIN_LENGTH = 10;

  /** bcrypt reads at most 72 bytes; longer passwords are refused rather than silently cut. */
  static final int MAX_BYTES = 72;

  private static final String ONE_TIME_ALPHABET =
      "abcdefghijkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY34679";
  private static final int ONE_TIME_LENGTH = 20;

  private final SecureRandom random;

  /** A hash of a password nobody knows, checked for unknown users so that they take as long. */
  private final String decoy;

  Passwords(SecureRandom random) {
    this.random = random;
    this.decoy = hash(oneTime());
  }

  String hash(String password) {
    return BCrypt.hashpw(password, BCrypt.gensalt(COST, random));
  }

  boolean matches(String password, String hash) {
    if (password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return false;
    }
    try {
      return BCrypt.checkpw(password, hash);
    } catch (IllegalArgumentException e) {
      return false; // not a bcrypt hash: never matches
    }
  }

  /** Spends the time of one check, for an unknown user. */
  void checkDecoy(String password) {
    matches(password == null ? "" : password, decoy);
  }

  /** A random password of 20 characters from an unambiguous alphabet (about 113 bits). */
  String oneTime() {
    StringBuilder out = new StringBuilder(ONE_TIME_LENGTH);
    for (int i = 0; i < ONE_TIME_LENGTH; i++) {
      out.append(ONE_TIME_ALPHABET.charAt(random.nextInt(ONE_TIME_ALPHABET.length())));
    }
    return out.toString();
  }

  /**
   * Checks a new password.
   *
   * @throws Problem naming {@code field} when it is too short or too long
   */
  static void requireAcceptable(String password, String field) {
    if (password == null || password.isEmpty()) {
      throw Problem.invalid(field, "missing");
    }
    if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
      throw Problem.invalid(field, "must be at least " + MIN_LENGTH + " characters");
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw Problem.invalid(field, "must be at most " + MAX_BYTES + " bytes in UTF-8");
    }
  }
}
