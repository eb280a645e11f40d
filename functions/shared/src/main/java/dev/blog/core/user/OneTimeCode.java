package dev.blog.core.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A single-use code sent to an email address (the contract's Auth section): 256 bits from {@link SecureRandom},
 * URL-safe base64, valid {@link Purpose#lifetime()}. Only its SHA-256 is stored, keyed by user and purpose (a
 * newer code of the same purpose replaces an older one), bound to the address it was sent to; redeeming it is a
 * conditional delete, so it works once. A fast hash is enough for a 256-bit random secret: there is nothing to
 * guess offline (https://cheatsheetseries.owasp.org/cheatsheets/Forgot_Password_Cheat_Sheet.html).
 *
 * @param hash the SHA-256 of the code, hex: what the store keeps
 */
public record OneTimeCode(Purpose purpose, String userId, String email, String hash, Instant expiresAt) {
  private static final int BYTES = 32;

  /** What a code is for, and how long it is valid. */
  public enum Purpose {
    VERIFY_EMAIL(Duration.ofHours(24)),
    PASSWORD_RESET(Duration.ofMinutes(30));

    private final Duration lifetime;

    Purpose(Duration lifetime) {
      this.lifetime = lifetime;
    }

    public Duration lifetime() {
      return lifetime;
    }
  }

  /** A new code: what goes into the email ({@code code}), and what is stored ({@code stored}). */
  public record Issued(String code, OneTimeCode stored) {
    @Override
    public String toString() {
      return "Issued[code=<redacted>, stored=" + stored + "]";
    }
  }

  /**
   * The generator is made on first use, not at init: with SnapStart, state created before the snapshot would be
   * shared by every restored instance. SecureRandom's default on Linux reads the kernel's pool for its seed and
   * mixes it in on every call (NativePRNG), and Lambda's runtimes make it snap-resilient
   * (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-uniqueness.html).
   */
  private static final class Generator {
    static final SecureRandom RANDOM = new SecureRandom();
  }

  public static Issued issue(Purpose purpose, String userId, String email, Instant now) {
    byte[] secret = new byte[BYTES];
    Generator.RANDOM.nextBytes(secret);
    String code = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    return new Issued(code, new OneTimeCode(purpose, userId, email, hash(code), now.plus(purpose.lifetime())));
  }

  /** The stored form of {@code code}: its SHA-256, hex. */
  public static String hash(String code) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has SHA-256", e);
    }
  }

  /** A code could be one we issued: URL-safe base64 of the right length (a cheap check before any read). */
  public static boolean isWellFormed(String code) {
    return code != null && code.length() == 43 && code.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128
        || c == '-' || c == '_');
  }
}
