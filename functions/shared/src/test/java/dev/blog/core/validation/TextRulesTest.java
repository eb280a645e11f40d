package dev.blog.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blog.core.error.DomainException.Invalid;
import dev.blog.core.error.FieldError;
import dev.blog.core.post.PostRules;
import dev.blog.core.user.UserRules;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The contract's text rules, as a hostile sign-up or post would meet them. */
class TextRulesTest {
  private static List<FieldError> errors(Consumer<Validator> rules) {
    Validator v = new Validator();
    rules.accept(v);
    Invalid e = org.assertj.core.api.Assertions.catchThrowableOfType(Invalid.class, v::throwIfInvalid);
    return e == null ? List.of() : e.errors();
  }

  private static List<FieldError> nameErrors(String raw) {
    return errors(v -> UserRules.name(v, "name", UserRules.normalizeName(raw)));
  }

  @Test
  void namesAreStoredInNfcSoOneNameHasOneSpelling() {
    String decomposed = "Zoe\u0301 Ade\u0301";
    assertThat(UserRules.normalizeName(" " + decomposed + "\u2003")).isEqualTo("Zoé Adé");
    assertThat(PostRules.normalize("Cafe\u0301")).isEqualTo("Café");
    assertThat(nameErrors(decomposed)).isEmpty();
  }

  @Test
  void controlCharactersInNamesAreRefused() {
    for (String hostile : List.of("Ada\u0000Lovelace", "Ada\u0007x", "Ada\nLovelace", "Ada\u0085Lovelace",
        "Ada\u009BLovelace", "Ada\u007FLovelace", "Ada\u2028Lovelace")) {
      assertThat(nameErrors(hostile)).as("%s", hostile.codePoints().boxed().toList())
          .extracting(FieldError::message).singleElement().asString().contains("control or format");
    }
  }

  @Test
  void bidiOverridesAndZeroWidthCharactersAreRefused() {
    for (String hostile : List.of("admin\u202Egnp.exe", "Ada\u2066x\u2069", "Ad\u200Ba", "A\u200Dda", "\uFEFFAda",
        "Ad\u00ADa", "Ada\uD800")) {
      assertThat(nameErrors(hostile)).as("%s", hostile.codePoints().boxed().toList()).hasSize(1);
    }
  }

  @Test
  void invisibleNamesAreBlank() {
    for (String invisible : List.of("\u3164\u3164", "\u2800\u2800\u2800", "\u00A0\u3000\u00A0",
        "\u0301\u0301", "\u115F\u1160")) {
      assertThat(nameErrors(invisible)).as("%s", invisible.codePoints().boxed().toList())
          .extracting(FieldError::message).containsExactly("must not be blank");
    }
    assertThat(errors(v -> PostRules.title(v, "   "))).extracting(FieldError::message).containsExactly("must not be blank");
  }

  @Test
  void ordinaryNamesInAnyScriptPass() {
    for (String ok : List.of("Ada Lovelace", "李小龍", "Ἀριστοτέλης", "محمد", "O'Brien-Smith", "Zoë 🚀", "J. R. R.")) {
      assertThat(nameErrors(ok)).as(ok).isEmpty();
    }
  }

  @Test
  void contentKeepsLineBreaksAndTabsButNoOtherControlCharacter() {
    assertThat(errors(v -> PostRules.content(v, "line one\n\tline two\r\n"))).isEmpty();
    assertThat(errors(v -> PostRules.content(v, "right-to-left \u200F text, family 👨\u200D👩\u200D👧"))).isEmpty();
    assertThat(errors(v -> PostRules.content(v, "nul \u0000 inside"))).extracting(FieldError::field).containsExactly("content");
    assertThat(errors(v -> PostRules.content(v, "lone \uDC00 surrogate"))).hasSize(1);
  }

  @Test
  void lengthIsMeasuredOnTheNfcForm() {
    String decomposed = "e\u0301".repeat(100); // 200 code points, 100 after NFC
    assertThat(errors(v -> UserRules.name(v, "name", UserRules.normalizeName(decomposed)))).isEmpty();
  }
}
