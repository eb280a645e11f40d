package dev.blog.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blog.core.error.DomainException.Invalid;
import dev.blog.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CursorsTest {
  private final AtomicInteger keyReads = new AtomicInteger();
  private final Cursors cursors = new Cursors(new Json(), () -> {
    keyReads.incrementAndGet();
    return "k".repeat(64).getBytes(StandardCharsets.UTF_8);
  });

  private static void assertRejected(Runnable decode) {
    assertThatThrownBy(decode::run).isInstanceOfSatisfying(Invalid.class, e -> {
      assertThat(e.errors()).extracting("field").containsExactly("cursor");
    });
  }

  @Test
  void aCursorDecodesToThePositionItWasMadeFrom() {
    String cursor = cursors.encode("users", Map.of("id", "0190f3a0-0000-7000-8000-000000000001"));
    assertThat(cursors.decode("users", cursor)).containsEntry("id", "0190f3a0-0000-7000-8000-000000000001");
  }

  @Test
  void aCursorIsOpaqueAndUrlSafe() {
    String cursor = cursors.encode("users", Map.of("id", "x"));
    assertThat(cursor).matches("[A-Za-z0-9_.-]+").doesNotContain("\"id\"");
  }

  @Test
  void anEditedPositionIsRejected() {
    String cursor = cursors.encode("users", Map.of("id", "a"));
    String forgedBody = Base64.getUrlEncoder().withoutPadding()
        .encodeToString("{\"id\":\"b\"}".getBytes(StandardCharsets.UTF_8));
    assertRejected(() -> cursors.decode("users", forgedBody + cursor.substring(cursor.indexOf('.'))));
  }

  @Test
  void aCursorFromAnotherListingIsRejected() {
    String cursor = cursors.encode("users\nada", Map.of("id", "a"));
    assertRejected(() -> cursors.decode("users\n", cursor));
  }

  @Test
  void garbageIsRejected() {
    for (String garbage : new String[] {"", "abc", "a.b.c", "!!!.???", "x".repeat(5000)}) {
      assertRejected(() -> cursors.decode("users", garbage));
    }
  }

  @Test
  void aTruncatedCursorIsRejected() {
    String cursor = cursors.encode("users", Map.of("id", "a"));
    assertRejected(() -> cursors.decode("users", cursor.substring(0, cursor.length() - 2)));
  }

  @Test
  void theKeyIsNotFetchedUntilACursorIsNeeded() {
    new Cursors(new Json(), () -> {
      throw new AssertionError("fetched at construction");
    });
    assertThat(keyReads).hasValue(0);
  }
}
