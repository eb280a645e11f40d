package dev.blog.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StoreBackoffTest {
  @Test
  void theRetryAfterDoublesWithEachUnavailableCallUpToThirtySecondsAndStartsOverAfterASuccess() {
    StoreBackoff backoff = new StoreBackoff();
    assertThat(backoff.next(true)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.next(true)).isEqualTo(Duration.ofSeconds(4));
    assertThat(backoff.next(false)).isEqualTo(Duration.ofSeconds(4)); // a 5xx after two throttled calls: step 3
    assertThat(backoff.next(true)).isEqualTo(Duration.ofSeconds(16));
    assertThat(backoff.next(true)).isEqualTo(Duration.ofSeconds(30));
    assertThat(backoff.next(true)).isEqualTo(Duration.ofSeconds(30));
    backoff.afterExecution(null, null);
    assertThat(backoff.next(false)).isEqualTo(Duration.ofSeconds(1));
  }
}
