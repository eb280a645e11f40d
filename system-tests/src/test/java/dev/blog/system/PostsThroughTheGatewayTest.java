package dev.blog.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The posts routes and GET /audit through the local gateway, the real authorizer and tokens: the life of a
 * post as a new user meets it, and who may do what on every route.
 */
class PostsThroughTheGatewayTest {
  private final Api api = LocalStackFixture.api();
  private String admin;
  private String moderator;
  private String author;
  private String authorId;
  private String other;

  @BeforeEach
  void accounts() {
    Api.Cast cast = api.cast();
    admin = cast.admin();
    moderator = cast.moderator();
    author = cast.user();
    authorId = cast.userId();
    other = cast.other();
  }

  private JsonNode write(String title, boolean published) {
    Api.Answer created = api.send("POST", "/posts", author,
        "{\"title\":\"" + title + "\",\"content\":\"Some text\",\"published\":" + published + "}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.header("Location")).isEqualTo("/posts/" + created.json().get("id").asText());
    return created.json();
  }

  private List<String> titlesListedFor(String token, String query) {
    Api.Answer listed = api.get("/posts?" + query, token);
    assertThat(listed.status()).as(listed.body()).isEqualTo(200);
    List<String> titles = new ArrayList<>();
    listed.json().get("data").forEach(p -> titles.add(p.get("title").asText()));
    return titles;
  }

  @Test
  void aDraftIsHiddenUntilPublishedThenListedAndGoneWithItsAuthor() {
    String id = write("My first draft", false).get("id").asText();

    assertThat(api.get("/posts/" + id, other).status()).isEqualTo(404);
    assertThat(titlesListedFor(other, "authorId=" + authorId)).isEmpty();
    assertThat(titlesListedFor(author, "authorId=" + authorId)).containsExactly("My first draft");

    Api.Answer published = api.send("PUT", "/posts/" + id, author, "{\"published\":true}", "If-Match", "\"1\"");
    assertThat(published.status()).as(published.body()).isEqualTo(200);
    assertThat(published.header("ETag")).isEqualTo("\"2\"");
    assertThat(api.get("/posts/" + id, other).json().get("title").asText()).isEqualTo("My first draft");
    assertThat(titlesListedFor(other, "authorId=" + authorId)).containsExactly("My first draft");
    assertThat(titlesListedFor(other, "limit=100")).contains("My first draft");

    JsonNode trail = api.get("/audit?targetId=" + id, admin).json().get("data");
    assertThat(trail).extracting(e -> e.get("action").asText()).containsExactly("post.updated", "post.created");

    Api.Answer deleted = api.send("DELETE", "/users/" + authorId, admin, null);
    assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
    assertThat(api.get("/posts/" + id, other).status()).isEqualTo(404);
    assertThat(api.get("/posts/" + id, admin).status()).isEqualTo(404);
    assertThat(titlesListedFor(other, "authorId=" + authorId)).isEmpty();
    assertThat(titlesListedFor(other, "limit=100")).doesNotContain("My first draft");
  }

  @Test
  void draftsAreReadableByTheirAuthorAndStaffButListedOnlyForTheAuthor() {
    String id = write("Staff may read this", false).get("id").asText();
    for (String token : new String[] {author, moderator, admin}) {
      assertThat(api.get("/posts/" + id, token).status()).isEqualTo(200);
    }
    assertThat(api.get("/posts/" + id, other).status()).isEqualTo(404);
    assertThat(titlesListedFor(moderator, "authorId=" + authorId)).isEmpty();
    assertThat(titlesListedFor(admin, "authorId=" + authorId + "&published=false")).isEmpty();
    assertThat(titlesListedFor(author, "published=false")).containsExactly("Staff may read this");
  }

  @Test
  void theAuthorModeratorsAndAdminsChangeAPostAndOtherUsersMayNot() {
    String id = write("Everyone reads this", true).get("id").asText();
    assertThat(api.send("PUT", "/posts/" + id, other, "{\"title\":\"Hijacked\"}").status()).isEqualTo(403);
    assertThat(api.send("DELETE", "/posts/" + id, other, null).status()).isEqualTo(403);
    assertThat(api.send("PUT", "/posts/" + id, author, "{\"title\":\"By the author\"}").status()).isEqualTo(200);
    assertThat(api.send("PUT", "/posts/" + id, moderator, "{\"title\":\"By a moderator\"}").status()).isEqualTo(200);
    assertThat(api.send("PUT", "/posts/" + id, admin, "{\"title\":\"By an admin\"}").status()).isEqualTo(200);
    assertThat(api.send("PUT", "/posts/" + id, author, "{\"title\":\"Stale\"}", "If-Match", "\"1\"").status())
        .isEqualTo(412);
    assertThat(api.send("DELETE", "/posts/" + id, moderator, null).status()).isEqualTo(204);
    assertThat(api.get("/posts/" + id, author).status()).isEqualTo(404);

    String second = write("An admin deletes this", true).get("id").asText();
    assertThat(api.send("DELETE", "/posts/" + second, admin, null).status()).isEqualTo(204);
    String third = write("The author deletes this", false).get("id").asText();
    assertThat(api.send("DELETE", "/posts/" + third, author, null).status()).isEqualTo(204);
  }

  @Test
  void onlyAdminsReadTheAuditLogAndEveryRouteNeedsAToken() {
    write("Audited", true);
    assertThat(api.get("/audit", other).status()).isEqualTo(403);
    assertThat(api.get("/audit", moderator).status()).isEqualTo(403);
    Api.Answer log = api.get("/audit?limit=5", admin);
    assertThat(log.status()).isEqualTo(200);
    assertThat(log.json().at("/data/0/action").asText()).isEqualTo("post.created");
    assertThat(log.json().at("/pagination/limit").asInt()).isEqualTo(5);

    for (String[] route : new String[][] {{"GET", "/posts"}, {"POST", "/posts"}, {"GET", "/posts/x"},
        {"PUT", "/posts/x"}, {"DELETE", "/posts/x"}, {"GET", "/audit"}}) {
      Api.Answer anonymous = api.send(route[0], route[1], null, route[0].equals("GET") ? null : "{}");
      assertThat(anonymous.status()).as(route[0] + " " + route[1]).isEqualTo(401);
    }
  }

  @Test
  void badInputIsAProblemNamingTheField() {
    Api.Answer empty = api.send("POST", "/posts", author, "{\"title\":\"\",\"content\":\"x\"}");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(empty.json().at("/errors/0/field").asText()).isEqualTo("title");
    Api.Answer badLimit = api.get("/posts?limit=500", author);
    assertThat(badLimit.status()).isEqualTo(400);
    assertThat(badLimit.json().at("/errors/0/field").asText()).isEqualTo("limit");
    assertThat(api.get("/posts?cursor=forged", author).status()).isEqualTo(400);
  }
}
