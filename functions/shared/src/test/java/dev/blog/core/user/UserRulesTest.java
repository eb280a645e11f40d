package dev.blog.core.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.blog.core.error.DomainException.Invalid;
import dev.blog.core.error.FieldError;
import dev.blog.core.validation.Validator;
import org.junit.jupiter.api.Test;

class UserRulesTest {
  private static java.util.List<FieldError> errors(java.util.function.Consumer<Validator> rules) {
    Validator v = new Validator();
    rules.accept(v);
    Invalid e = catchThrowableOfType(Invalid.class, v::throwIfInvalid);
    return e == null ? java.util.List.of() : e.errors();
  }

  @Test
  void emailsAreTrimmedAndLowerCased() {
    assertThat(UserRules.normalizeEmail("  Ada@Example.COM ")).isEqualTo("ada@example.com");
  }

  @Test
  void acceptsOrdinaryAddresses() {
    for (String ok : new String[] {"ada@example.com", "a.b+c@sub.example.co.uk", "x_y@e-xample.io"}) {
      assertThat(errors(v -> UserRules.email(v, "email", ok))).as(ok).isEmpty();
    }
  }

  @Test
  void rejectsWhatIsNotAnAddress() {
    for (String bad : new String[] {"", "ada", "ada@", "@example.com", "ada@example", "a da@example.com", "ada@@example.com"}) {
      assertThat(errors(v -> UserRules.email(v, "email", bad))).as(bad).extracting("field").containsExactly("email");
    }
  }

  @Test
  void emailsLongerThan254CharactersAreRejected() {
    String longEmail = "a".repeat(64) + "@" + ("b".repeat(60) + ".").repeat(3) + "c".repeat(10) + ".com";
    assertThat(longEmail.length()).isGreaterThan(254);
    assertThat(errors(v -> UserRules.email(v, "email", longEmail))).hasSize(1);
  }

  @Test
  void passwordLengthIsCountedInCharactersNotBytes() {
    assertThat(errors(v -> UserRules.password(v, "password", "ü".repeat(8)))).isEmpty();
    assertThat(errors(v -> UserRules.password(v, "password", "1234567"))).hasSize(1);
    assertThat(errors(v -> UserRules.password(v, "password", "x".repeat(129)))).hasSize(1);
  }

  @Test
  void namesAreMeasuredAfterTrimming() {
    assertThat(errors(v -> UserRules.name(v, "name", UserRules.normalizeName("  A  ")))).hasSize(1);
    assertThat(errors(v -> UserRules.name(v, "name", UserRules.normalizeName(" Al ")))).isEmpty();
  }

  @Test
  void agesOutside18To150AreRejected() {
    assertThat(errors(v -> UserRules.age(v, "age", 17))).hasSize(1);
    assertThat(errors(v -> UserRules.age(v, "age", 151))).hasSize(1);
    assertThat(errors(v -> UserRules.age(v, "age", 18))).isEmpty();
    assertThat(errors(v -> UserRules.age(v, "age", null))).isEmpty();
  }

  @Test
  void everyInvalidFieldIsReportedAtOnce() {
    assertThat(errors(v -> {
      UserRules.email(v, "email", "nope");
      UserRules.password(v, "password", "short");
      UserRules.name(v, "name", "x");
    })).extracting("field").containsExactly("email", "password", "name");
  }
}
