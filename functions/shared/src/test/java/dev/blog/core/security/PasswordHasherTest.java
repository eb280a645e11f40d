package dev.blog.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
  private final PasswordHasher hasher = new PasswordHasher();

  @Test
  void hashesWithArgon2idAtTheOwaspMinimum() {
    assertThat(hasher.hash("correct horse")).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
  }

  @Test
  void theRightPasswordVerifiesAndAWrongOneDoesNot() {
    String hash = hasher.hash("correct horse");
    assertThat(hasher.verify("correct horse", hash)).isTrue();
    assertThat(hasher.verify("correct horsE", hash)).isFalse();
  }

  @Test
  void eachHashHasItsOwnSalt() {
    assertThat(hasher.hash("same password")).isNotEqualTo(hasher.hash("same password"));
  }

  @Test
  void theDecoyNeverVerifies() {
    assertThat(hasher.verifyDecoy("anything at all")).isFalse();
  }

  @Test
  void aCorruptHashIsAFailureNotACrash() {
    assertThat(hasher.verify("x", "not a hash")).isFalse();
  }
}
