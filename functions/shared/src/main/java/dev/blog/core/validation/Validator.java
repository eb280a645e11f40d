package dev.blog.core.validation;

import dev.blog.core.error.DomainException.Invalid;
import dev.blog.core.error.FieldError;
import java.util.ArrayList;
import java.util.List;

/** Collects every invalid field of one input, so a client learns all its mistakes in one answer. */
public final class Validator {
  private final List<FieldError> errors = new ArrayList<>();

  public Validator check(boolean valid, String field, String message) {
    if (!valid) {
      errors.add(new FieldError(field, message));
    }
    return this;
  }

  /** A required string whose length (in code points, after trimming when asked) lies in [min, max]. */
  public Validator text(String field, String value, int min, int max) {
    if (value == null) {
      return check(false, field, "is required");
    }
    int length = value.codePointCount(0, value.length());
    return check(length >= min && length <= max, field,
        min <= 1 ? "must be at most " + max + " characters" + (min == 1 ? " and not empty" : "")
            : "must be " + min + " to " + max + " characters");
  }

  /**
   * A one-line label (a name, a title): {@link #text}'s length rule, then the contract's text rules
   * ({@link TextRules}): no control or format character, and not blank. Give it the NFC form.
   */
  public Validator label(String field, String value, int min, int max) {
    text(field, value, min, max);
    if (value != null && isValid(field)) {
      if (TextRules.hasHiddenCharacter(value)) {
        check(false, field, "must not contain control or format characters (such as bidi overrides or zero-width characters)");
      } else {
        check(!TextRules.isBlank(value), field, "must not be blank");
      }
    }
    return this;
  }

  /** Long text (a post's content): at most {@code max} characters; line breaks and tabs, no other control character. */
  public Validator longText(String field, String value, int max) {
    text(field, value, 0, max);
    if (value != null && isValid(field)) {
      check(!TextRules.hasControlCharacterInLongText(value), field,
          "must not contain control characters other than tabs and line breaks");
    }
    return this;
  }

  public Validator range(String field, Integer value, int min, int max) {
    return check(value == null || (value >= min && value <= max), field, "must be an integer from " + min + " to " + max);
  }

  public boolean isValid(String field) {
    return errors.stream().noneMatch(e -> e.field().equals(field));
  }

  /** Throws {@link Invalid} listing every invalid field, if any. */
  public void throwIfInvalid() {
    if (!errors.isEmpty()) {
      throw new Invalid(errors);
    }
  }
}
