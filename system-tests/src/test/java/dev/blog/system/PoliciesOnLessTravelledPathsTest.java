package dev.blog.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blog.core.post.PostRepository;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Paths the other system tests do not take, taken with the local stack's IAM check on, so that the grants of
 * template.yaml they need are proven too: a second page of posts (the cursor key), GraphQL's users with their
 * posts (BatchGetItem) and its post listing (the index and the cursor key), and an author's published posts
 * unpublished and deleted from a full latest-posts list (the list refilled from the author's index), and a user created
 * through GraphQL (the verification email through the outbox). Each answers as it would in AWS.
 */
class PoliciesOnLessTravelledPathsTest {
  private final Api api = LocalStackFixture.api();
  private final String admin = api.login(LocalStackFixture.ADMIN_EMAIL, LocalStackFixture.ADMIN_PASSWORD);
  private final String author = api.newAccount("user", admin);
  private final String authorId = api.get("/me", author).json().get("id").asText();

  private String publish(String title) {
    Api.Answer created = api.send("POST", "/posts", author,
        "{\"title\":\"" + title + "\",\"content\":\"Some text\",\"published\":true}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("id").asText();
  }

  private JsonNode graphql(String token, String query) {
    Api.Answer answer = api.send("POST", "/graphql", token, Api.JSON.createObjectNode().put("query", query).toString());
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().has("errors")).as(answer.body()).isFalse();
    return answer.json();
  }

  @Test
  void aSecondPageOfPostsFollowsTheSignedCursor() {
    publish("First");
    publish("Second");
    Api.Answer first = api.get("/posts?authorId=" + authorId + "&limit=1", author);
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    String cursor = first.json().at("/pagination/nextCursor").asText();
    assertThat(cursor).isNotEmpty();
    Api.Answer second = api.get("/posts?authorId=" + authorId + "&limit=1&cursor="
        + URLEncoder.encode(cursor, StandardCharsets.UTF_8), author);
    assertThat(second.status()).as(second.body()).isEqualTo(200);
    assertThat(second.json().at("/data/0/title").asText()).isEqualTo("First");
  }

  @Test
  void graphQlListsUsersWithTheirPostsAndPagesThroughPosts() {
    publish("Listed through GraphQL");
    JsonNode users = graphql(admin, "{ users(limit: 50) { items { id posts(limit: 2) { items { title } } } nextCursor } }");
    assertThat(users.at("/data/users/items").findValuesAsText("title")).contains("Listed through GraphQL");
    publish("Another");
    JsonNode posts = graphql(author, "{ posts(limit: 1) { items { title } nextCursor } }");
    assertThat(posts.at("/data/posts/nextCursor").asText()).isNotEmpty();
  }

  @Test
  void aUserCreatedThroughGraphQlGetsTheCodeThatVerifiesTheirAddress() throws InterruptedException {
    String email = "graphql-" + java.util.UUID.randomUUID() + "@example.com";
    JsonNode created = graphql(admin, "mutation { createUser(input: {email: \"" + email
        + "\", name: \"Through GraphQL\", password: \"password-123\"}) { id emailVerified } }");
    assertThat(created.at("/data/createUser/emailVerified").asBoolean()).isFalse();
    String code = new Mailbox(api).code(email, "Confirm your email address", 1);
    Api.Answer verified = api.send("POST", "/auth/verify-email", null,
        "{\"email\":\"" + email + "\",\"code\":\"" + code + "\"}");
    assertThat(verified.status()).as(verified.body()).isEqualTo(204);
  }

  @Test
  void unpublishingAndDeletingFromAFullLatestPostsListRefillItFromTheIndex() {
    // The author's latest-posts list holds the newest LATEST_KEPT published posts; taking one out of a full list
    // refills the freed place with the next older one, a Query of the author's index (UpdatePost, DeletePost).
    int kept = PostRepository.LATEST_KEPT;
    String[] ids = new String[kept + 2];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = publish("Post " + i);
    }
    Api.Answer unpublished = api.send("PUT", "/posts/" + ids[kept + 1], author, "{\"published\":false}", "If-Match", "\"1\"");
    assertThat(unpublished.status()).as(unpublished.body()).isEqualTo(200);
    Api.Answer deleted = api.send("DELETE", "/posts/" + ids[kept], author, null, "If-Match", "\"1\"");
    assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);

    List<String> expected = new ArrayList<>();
    for (int i = kept - 1; i >= 0; i--) {
      expected.add("Post " + i);
    }
    Api.Answer listed = api.get("/posts?authorId=" + authorId + "&published=true&limit=" + kept, author);
    assertThat(listed.json().get("data").findValuesAsText("title")).containsExactlyElementsOf(expected);
    JsonNode fromTheList = graphql(admin, "{ users(limit: 10) { items { id posts(limit: " + kept + ") { items { title } } } } }");
    JsonNode mine = null;
    for (JsonNode user : fromTheList.at("/data/users/items")) {
      if (user.get("id").asText().equals(authorId)) {
        mine = user;
      }
    }
    assertThat(mine).as("the author in GraphQL's users").isNotNull();
    assertThat(mine.at("/posts/items").findValuesAsText("title")).containsExactlyElementsOf(expected);
  }
}
