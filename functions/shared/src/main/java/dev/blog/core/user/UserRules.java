package dev.blog.core.user;

import dev.blog.core.validation.TextRules;
import dev.blog.core.validation.Validator;
import java.util.Locale;
import java.util.regex.Pattern;

/** The contract's validation rules for user fields, in one place for REST, GraphQL and login. */
public final class UserRules {
  /** RFC 5321 caps a forward path at 254 characters. */
  public static final int EMAIL_MAX = 254;
  public static final int PASSWORD_MIN = 8;
  public static final int PASSWORD_MAX = 128;
  public static final int NAME_MIN = 2;
  public static final int NAME_MAX = 100;
  public static final int AGE_MIN = 18;
  public static final int AGE_MAX = 150;

  /**
   * A pragmatic address check (OWASP Input Validation cheat sheet, "Email Address Validation"): one
   * {@code @}, a local part without spaces, a domain of dot-separated labels ending in a 2+ letter TLD.
   */
  private static final Pattern EMAIL = Pattern.compile(
      "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}$");

  private UserRules() {}

  /** Emails are stored trimmed and lower-cased, so uniqueness and login ignore case. */
  public static String normalizeEmail(String email) {
    return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
  }

  /** Names are stored trimmed (of any Unicode white space) and in NFC. */
  public static String normalizeName(String name) {
    return name == null ? null : TextRules.nfc(name.strip());
  }

  public static void email(Validator v, String field, String normalized) {
    if (normalized == null) {
      v.check(false, field, "is required");
      return;
    }
    v.check(normalized.length() <= EMAIL_MAX && EMAIL.matcher(normalized).matches(), field,
        "must be a valid email address of at most " + EMAIL_MAX + " characters");
  }

  public static void password(Validator v, String field, String password) {
    v.text(field, password, PASSWORD_MIN, PASSWORD_MAX);
  }

  public static void name(Validator v, String field, String normalized) {
    v.label(field, normalized, NAME_MIN, NAME_MAX);
  }

  public static void age(Validator v, String field, Integer age) {
    v.range(field, age, AGE_MIN, AGE_MAX);
  }
}
