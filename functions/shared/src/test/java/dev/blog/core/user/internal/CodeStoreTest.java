package dev.blog.core.user.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blog.core.store.Store;
import dev.blog.core.store.Write;
import dev.blog.core.testing.TestCoreComponent;
import dev.blog.core.testing.TestStore;
import dev.blog.core.user.OneTimeCode;
import dev.blog.core.user.OneTimeCode.Purpose;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The code store on moto server: what it keeps, and that a code works once, in time, for its address only. */
class CodeStoreTest {
  private static final String USER = "0190f3a0-0000-7000-8000-0000000000c1";
  private static final String EMAIL = "ada@example.com";
  private final TestCoreComponent graph = TestCoreComponent.on(TestStore.freshTable());
  private final Store store = graph.store();
  private final Instant now = Instant.parse("2026-11-30T10:00:00Z");

  private OneTimeCode.Issued issue(Purpose purpose) {
    OneTimeCode.Issued issued = OneTimeCode.issue(purpose, USER, EMAIL, now);
    store.apply(CodeStore.put(issued.stored()));
    return issued;
  }

  /** Redeeming is the code's step of a transaction; alone here, which is the same condition. */
  private boolean redeem(Purpose purpose, String email, String code, Instant at) {
    Write redeem = CodeStore.redeem(purpose, USER, email, code, at);
    return store.apply(redeem);
  }

  private List<Map<String, AttributeValue>> everyItem() {
    return graph.dynamo().scan(s -> s.tableName(store.table())).items();
  }

  @Test
  void codesAreUrlSafe256BitSecretsAndNeverTheSameTwice() {
    OneTimeCode.Issued a = OneTimeCode.issue(Purpose.VERIFY_EMAIL, USER, EMAIL, now);
    OneTimeCode.Issued b = OneTimeCode.issue(Purpose.VERIFY_EMAIL, USER, EMAIL, now);
    assertThat(a.code()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(b.code());
    assertThat(OneTimeCode.isWellFormed(a.code())).isTrue();
    assertThat(a.toString()).doesNotContain(a.code());
  }

  @Test
  void onlyTheHashIsStoredNeverTheCode() {
    OneTimeCode.Issued issued = issue(Purpose.PASSWORD_RESET);
    List<Map<String, AttributeValue>> items = everyItem();
    assertThat(items).singleElement().satisfies(item -> {
      assertThat(item.get("codeHash").s()).isEqualTo(OneTimeCode.hash(issued.code())).hasSize(64);
      assertThat(item.get("email").s()).isEqualTo(EMAIL);
      assertThat(Long.parseLong(item.get("expiresAt").n())).isEqualTo(now.plus(Duration.ofMinutes(30)).getEpochSecond());
      assertThat(item.values()).extracting(AttributeValue::toString).noneMatch(v -> v.contains(issued.code()));
    });
  }

  @Test
  void aCodeWorksOnce() {
    OneTimeCode.Issued issued = issue(Purpose.VERIFY_EMAIL);
    assertThat(redeem(Purpose.VERIFY_EMAIL, EMAIL, issued.code(), now.plusSeconds(1))).isTrue();
    assertThat(redeem(Purpose.VERIFY_EMAIL, EMAIL, issued.code(), now.plusSeconds(2))).isFalse();
    assertThat(everyItem()).isEmpty();
  }

  @Test
  void aCodeExpiresAfterItsLifetimeWhetherOrNotTtlHasRemovedItYet() {
    OneTimeCode.Issued reset = issue(Purpose.PASSWORD_RESET);
    assertThat(redeem(Purpose.PASSWORD_RESET, EMAIL, reset.code(), now.plus(Duration.ofMinutes(30)))).isFalse();
    OneTimeCode.Issued verify = issue(Purpose.VERIFY_EMAIL);
    assertThat(redeem(Purpose.VERIFY_EMAIL, EMAIL, verify.code(), now.plus(Duration.ofHours(24)).plusSeconds(1)))
        .isFalse();
    OneTimeCode.Issued again = issue(Purpose.VERIFY_EMAIL);
    assertThat(redeem(Purpose.VERIFY_EMAIL, EMAIL, again.code(), now.plus(Duration.ofHours(24)).minusSeconds(1)))
        .isTrue();
  }

  @Test
  void aWrongCodeAnotherAddressAnotherPurposeOrAReplacedCodeRedeemNothing() {
    OneTimeCode.Issued first = issue(Purpose.VERIFY_EMAIL);
    assertThat(redeem(Purpose.VERIFY_EMAIL, EMAIL, dev.blog.core.testing.Codes.wrong(first.code()), now)).isFalse();
    assertThat(redeem(Purpose.VERIFY_EMAIL, "eve@example.com", first.code(), now)).isFalse();
    assertThat(redeem(Purpose.PASSWORD_RESET, EMAIL, first.code(), now)).isFalse();
    OneTimeCode.Issued second = issue(Purpose.VERIFY_EMAIL); // replaces the first
    assertThat(redeem(Purpose.VERIFY_EMAIL, EMAIL, first.code(), now)).isFalse();
    assertThat(redeem(Purpose.VERIFY_EMAIL, EMAIL, second.code(), now)).isTrue();
  }
}
