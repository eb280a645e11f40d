package dev.blog.core.store;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * UUID version 7 ids (RFC 9562 §5.7): 48 bits of Unix milliseconds, then randomness. Time-ordered, so
 * "newest first" is a reverse sort on the id itself. SecureRandom is used because Lambda re-seeds it
 * when a SnapStart snapshot is restored, so no two restored instances hand out the same ids
 * (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-uniqueness.html).
 */
public final class Ids {
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public Ids(Clock clock) {
    this.clock = clock;
  }

  public String next() {
    long millis = clock.millis();
    long randA = random.nextInt(1 << 12);
    long msb = (millis << 16) | (0x7L << 12) | randA;
    long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb).toString();
  }

  /** The smallest UUIDv7 string of a millisecond: its 48-bit timestamp, then zeros (RFC 9562, section 5.7). */
  public static String lowestAt(Instant at) {
    return timestamp(at) + "-0000-0000-000000000000";
  }

  /** The greatest UUIDv7 string of a millisecond: its timestamp, then the highest hex digits. */
  public static String highestAt(Instant at) {
    return timestamp(at) + "-ffff-ffff-ffffffffffff";
  }

  private static String timestamp(Instant at) {
    String hex = String.format("%012x", at.toEpochMilli());
    return hex.substring(0, 8) + "-" + hex.substring(8, 12);
  }

  /** Whether {@code value} is a UUID in canonical form: anything else cannot name one of our items. */
  public static boolean isUuid(String value) {
    if (value == null || value.length() != 36) {
      return false;
    }
    try {
      return UUID.fromString(value).toString().equals(value.toLowerCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
