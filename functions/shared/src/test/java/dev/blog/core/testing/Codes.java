package dev.blog.core.testing;

/** Codes for tests of single-use codes. */
public final class Codes {
  private Codes() {}

  /** A code of the same shape that is certainly not {@code code}: its first character changed. */
  public static String wrong(String code) {
    return (code.charAt(0) == 'A' ? 'B' : 'A') + code.substring(1);
  }
}
