package dev.blog.core.validation;

import java.text.Normalizer;

/**
 * The contract's rules for text: every text field is stored in Unicode NFC, so that one name has one
 * spelling (a composed "é" and "e" + combining accent compare, sort and count alike); names and titles hold
 * no control or format characters (C0, C1, bidi overrides and isolates, zero-width characters: they reorder or
 * hide what a reader sees, https://unicode.org/reports/tr36/#Bidirectional_Text_Spoofing) and at least one
 * visible character; long text (a post's content) may hold tabs and line breaks but no other control character.
 */
public final class TextRules {
  private TextRules() {}

  /** The NFC form of {@code text} (null stays null). */
  public static String nfc(String text) {
    return text == null || Normalizer.isNormalized(text, Normalizer.Form.NFC)
        ? text : Normalizer.normalize(text, Normalizer.Form.NFC);
  }

  /**
   * Whether {@code text} holds a character a one-line label must not: a control character (C0, DEL, C1),
   * a format character (bidi overrides and isolates, zero-width space and joiners, the BOM, soft hyphen), a
   * line or paragraph separator, a lone surrogate, or a noncharacter.
   */
  public static boolean hasHiddenCharacter(String text) {
    return text.codePoints().anyMatch(cp -> isControlOrFormat(cp) || isLineBreak(cp));
  }

  /** Whether {@code text} holds a control character other than tab, line feed and carriage return, or a lone surrogate. */
  public static boolean hasControlCharacterInLongText(String text) {
    return text.codePoints().anyMatch(cp -> cp != '\t' && cp != '\n' && cp != '\r'
        && (Character.getType(cp) == Character.CONTROL || Character.getType(cp) == Character.SURROGATE
            || isNoncharacter(cp)));
  }

  /**
   * Whether {@code text} shows nothing: no letter, digit, punctuation or symbol other than the fillers that
   * render as blank (Hangul fillers, the Braille blank). Spaces, marks and format characters alone are blank.
   */
  public static boolean isBlank(String text) {
    return text.codePoints().noneMatch(TextRules::isVisible);
  }

  private static boolean isControlOrFormat(int cp) {
    int type = Character.getType(cp);
    return type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE || isNoncharacter(cp);
  }

  private static boolean isLineBreak(int cp) {
    int type = Character.getType(cp);
    return type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
  }

  /** U+FDD0..U+FDEF and the last two code points of every plane: never meant for interchange. */
  private static boolean isNoncharacter(int cp) {
    return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
  }

  private static boolean isVisible(int cp) {
    if (cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 || cp == 0x2800) {
      return false; // letters and symbols by category, blank on screen: the classic invisible names
    }
    return switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
          Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
          Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION,
          Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
      default -> false;
    };
  }
}
