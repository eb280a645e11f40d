package dev.blog.core.user.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.blog.core.error.DomainException.Locked;
import dev.blog.core.testing.TestCoreComponent;
import dev.blog.core.testing.TestStore;
import dev.blog.core.user.PasswordAttempts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The lockout on moto server: reserved before the check, per account and address, with an account ceiling. */
class LoginAttemptsTest {
  private final PasswordAttempts attempts = TestCoreComponent.on(TestStore.freshTable()).passwordAttempts();
  private final Instant now = Instant.parse("2026-11-30T10:00:00Z");

  private boolean wrong(String address, Instant at) {
    return attempts.check("ada@example.com", address, at, () -> false);
  }

  @Test
  void twentyParallelWrongGuessesGetFiveChecksAndTheRestAreLocked() {
    AtomicInteger checked = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(20);
    try {
      List<CompletableFuture<Boolean>> guesses = IntStream.range(0, 20).mapToObj(i -> CompletableFuture.supplyAsync(() -> {
        try {
          return attempts.check("ada@example.com", "203.0.113.7", now, () -> {
            checked.incrementAndGet();
            return false;
          });
        } catch (Locked locked) {
          return null;
        }
      }, pool)).toList();
      long refused = guesses.stream().map(CompletableFuture::join).filter(r -> r == null).count();
      assertThat(checked.get()).isEqualTo(5);
      assertThat(refused).isEqualTo(15);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aLockedPairLastsFifteenMinutesFromTheFifthAttemptAndOtherAddressesGoOn() {
    for (int i = 0; i < 5; i++) {
      assertThat(wrong("203.0.113.7", now.plusSeconds(i))).isFalse();
    }
    Locked locked = catchThrowableOfType(Locked.class, () -> wrong("203.0.113.7", now.plusSeconds(60)));
    assertThat(locked.retryAfter()).isEqualTo(Duration.ofMinutes(15).minusSeconds(60 - 4));
    assertThat(attempts.check("ada@example.com", "198.51.100.1", now.plusSeconds(61), () -> true)).isTrue();
    assertThat(wrong("203.0.113.7", now.plusSeconds(4).plus(Duration.ofMinutes(15)))).isFalse(); // a new window
  }

  @Test
  void aPassingCheckFreesItsReservationSoTheOwnerIsNeverCountedAgainstThemselves() {
    for (int i = 0; i < 20; i++) {
      assertThat(attempts.check("ada@example.com", "203.0.113.7", now, () -> true)).isTrue();
    }
    for (int i = 0; i < 4; i++) {
      wrong("203.0.113.7", now);
    }
    assertThat(attempts.check("ada@example.com", "203.0.113.7", now, () -> true)).isTrue(); // clears the pair
    for (int i = 0; i < 5; i++) {
      assertThat(wrong("203.0.113.7", now)).isFalse();
    }
  }

  @Test
  void fiftyFailuresFromAllAddressesLockTheAccountForEveryoneUntilAResetClearsIt() {
    for (int address = 0; address < 10; address++) {
      for (int i = 0; i < 5; i++) {
        wrong("10.0.0." + address, now);
      }
    }
    assertThat(catchThrowableOfType(Locked.class,
        () -> attempts.check("ada@example.com", "192.0.2.99", now, () -> true))).isNotNull();
    attempts.clear("ada@example.com", "192.0.2.99");
    assertThat(attempts.check("ada@example.com", "192.0.2.99", now, () -> true)).isTrue();
  }

  @Test
  void theCountIsPerAccountKnownOrNot() {
    for (int i = 0; i < 5; i++) {
      attempts.check("nobody@example.com", "203.0.113.7", now, () -> false);
    }
    assertThat(attempts.check("ada@example.com", "203.0.113.7", now, () -> true)).isTrue();
  }
}
