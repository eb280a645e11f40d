package dev.blog.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {
  @Test
  void idsAreVersion7UuidsWithTheRfcVariant() {
    UUID id = UUID.fromString(new Ids(Clock.systemUTC()).next());
    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
  }

  @Test
  void laterIdsSortAfterEarlierOnes() {
    String earlier = new Ids(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)).next();
    String later = new Ids(Clock.fixed(Instant.parse("2026-01-01T00:00:00.001Z"), ZoneOffset.UTC)).next();
    assertThat(later).isGreaterThan(earlier);
  }

  @Test
  void idsAreUniqueWithinOneMillisecond() {
    Ids ids = new Ids(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      seen.add(ids.next());
    }
    assertThat(seen).hasSize(10_000);
  }

  @Test
  void theBoundsOfAMillisecondHoldEveryIdOfItAndNoneOfTheNext() {
    Instant at = Instant.parse("2026-11-23T23:59:59.999Z");
    String id = new Ids(Clock.fixed(at, ZoneOffset.UTC)).next();
    String next = new Ids(Clock.fixed(at.plusMillis(1), ZoneOffset.UTC)).next();
    assertThat(id).isBetween(Ids.lowestAt(at), Ids.highestAt(at));
    assertThat(next).isGreaterThan(Ids.highestAt(at));
    assertThat(Ids.isUuid(Ids.lowestAt(at))).isTrue();
  }

  @Test
  void onlyCanonicalUuidsCountAsIds() {
    assertThat(Ids.isUuid("0190f3a0-0000-7000-8000-000000000001")).isTrue();
    assertThat(Ids.isUuid("not-a-uuid")).isFalse();
    assertThat(Ids.isUuid("USER#0190f3a0-0000-7000-8000-000000000001")).isFalse();
    assertThat(Ids.isUuid(null)).isFalse();
  }

  @Test
  void timesHaveExactlyThreeFractionDigits() {
    assertThat(Times.format(Instant.parse("2026-11-23T10:15:30Z"))).isEqualTo("2026-11-23T10:15:30.000Z");
    assertThat(Times.format(Instant.parse("2026-11-23T10:15:30.123456Z"))).isEqualTo("2026-11-23T10:15:30.123Z");
  }
}
