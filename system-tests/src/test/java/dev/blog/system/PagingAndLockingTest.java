package dev.blog.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PagingAndLockingTest {
  private final Api api = LocalStackFixture.api();

  @Test
  void pagingVisitsEveryUserOnceNewestFirst() {
    String admin = api.login(LocalStackFixture.ADMIN_EMAIL, LocalStackFixture.ADMIN_PASSWORD);
    String tag = UUID.randomUUID().toString().substring(0, 8);
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      Api.Answer answer = api.register("page-" + tag + "-" + i + "@example.com", "password-123", "Page User");
      created.add(0, answer.json().get("id").asText());
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      String path = "/users?limit=4&emailContains=" + tag + (cursor == null ? "" : "&cursor=" + cursor);
      Api.Answer page = api.get(path, admin);
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      JsonNode body = page.json();
      body.get("data").forEach(u -> seen.add(u.get("id").asText()));
      assertThat(body.at("/pagination/total").asLong()).isGreaterThanOrEqualTo(9);
      cursor = body.at("/pagination/nextCursor").isNull() ? null : body.at("/pagination/nextCursor").asText();
      pages++;
    } while (cursor != null);
    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactlyElementsOf(created);
    assertThat(new HashSet<>(seen)).hasSameSizeAs(seen);
  }

  @Test
  void aForgedOrGarbledCursorIsA400() {
    String admin = api.login(LocalStackFixture.ADMIN_EMAIL, LocalStackFixture.ADMIN_PASSWORD);
    api.register("cursor-" + UUID.randomUUID() + "@example.com", "password-123", "Cursor User");
    String cursor = api.get("/users?limit=1", admin).json().at("/pagination/nextCursor").asText();
    String[] parts = cursor.split("\\.");
    for (String bad : new String[] {"garbage", parts[0] + ".AAAA", "e30." + parts[1]}) {
      Api.Answer answer = api.get("/users?cursor=" + bad, admin);
      assertThat(answer.status()).as(bad).isEqualTo(400);
      assertThat(answer.json().at("/errors/0/field").asText()).isEqualTo("cursor");
    }
  }

  @Test
  void aStaleIfMatchIs412AndChangesNothing() {
    String email = "etag-" + UUID.randomUUID() + "@example.com";
    api.register(email, "password-123", "Etag User");
    String token = api.login(email, "password-123");
    Api.Answer me = api.get("/me", token);
    String id = me.json().get("id").asText();
    String etag = me.header("ETag");

    Api.Answer first = api.send("PUT", "/users/" + id, token, "{\"name\":\"First Change\"}", "If-Match", etag);
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.header("ETag")).isEqualTo("\"2\"");

    Api.Answer stale = api.send("PUT", "/users/" + id, token, "{\"name\":\"Lost Update\"}", "If-Match", etag);
    assertThat(stale.status()).isEqualTo(412);
    assertThat(stale.header("Content-Type")).isEqualTo("application/problem+json");
    JsonNode after = api.get("/me", token).json();
    assertThat(after.get("name").asText()).isEqualTo("First Change");
    assertThat(after.get("version").asLong()).isEqualTo(2);
  }
}
