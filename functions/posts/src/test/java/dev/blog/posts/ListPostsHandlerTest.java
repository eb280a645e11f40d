package dev.blog.posts;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import dev.blog.core.post.Post;
import dev.blog.core.security.Caller;
import dev.blog.core.testing.Requests;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;

class ListPostsHandlerTest {
  private final PostsFixture f = new PostsFixture();
  private final ListPostsHandler handler = new ListPostsHandler(f.graph.posts(), f.graph.json());

  /** Every page of a listing, following nextCursor; the ids in order. */
  private List<String> all(APIGatewayV2HTTPEvent sample, Caller caller, String authorId, String published, int limit) {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      var request = Requests.from(sample).as(caller.userId(), caller.role()).query("limit", Integer.toString(limit))
          .query("authorId", authorId).query("published", published).query("cursor", cursor).build();
      var response = f.call(handler, request);
      assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
      JsonNode body = f.body(response);
      assertThat(body.at("/pagination").has("nextCursor")).isTrue();
      assertThat(body.get("data").size()).isLessThanOrEqualTo(limit);
      body.get("data").forEach(p -> seen.add(p.get("id").asText()));
      cursor = body.at("/pagination/nextCursor").isNull() ? null : body.at("/pagination/nextCursor").asText();
      if (cursor != null) {
        assertThat(body.get("data").size()).as("pages before the last are full").isEqualTo(limit);
      }
    } while (cursor != null);
    return seen;
  }

  private static List<String> newestFirst(List<Post> posts) {
    return posts.stream().map(Post::id).sorted(java.util.Comparator.reverseOrder()).toList();
  }

  @ParameterizedTest
  @Event(value = "events/list-posts.json", type = APIGatewayV2HTTPEvent.class)
  void everyoneListsPublishedPostsNewestFirstInFullPagesAndNeverOthersDrafts(APIGatewayV2HTTPEvent sample) {
    List<Post> published = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      published.add(f.published(f.author, "A" + i));
      f.draft(f.author, "draft A" + i);
      published.add(f.published(f.other, "B" + i));
    }
    for (Caller caller : new Caller[] {f.author, f.other, f.moderator, f.admin}) {
      assertThat(all(sample, caller, null, null, 3)).containsExactlyElementsOf(newestFirst(published));
      assertThat(all(sample, caller, null, "true", 5)).containsExactlyElementsOf(newestFirst(published));
    }
  }

  @ParameterizedTest
  @Event(value = "events/list-posts.json", type = APIGatewayV2HTTPEvent.class)
  void anAuthorListsTheirOwnDraftsButNobodyElseDoesNotEvenStaff(APIGatewayV2HTTPEvent sample) {
    List<Post> mine = new ArrayList<>();
    List<Post> myPublished = new ArrayList<>();
    List<Post> myDrafts = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Post p = f.published(f.author, "P" + i);
      Post d = f.draft(f.author, "D" + i);
      mine.add(p);
      mine.add(d);
      myPublished.add(p);
      myDrafts.add(d);
    }
    f.draft(f.other, "someone else's draft");
    String me = f.author.userId();
    assertThat(all(sample, f.author, me, null, 2)).containsExactlyElementsOf(newestFirst(mine));
    assertThat(all(sample, f.author, me, "false", 2)).containsExactlyElementsOf(newestFirst(myDrafts));
    assertThat(all(sample, f.author, null, "false", 2)).as("published=false alone: my drafts")
        .containsExactlyElementsOf(newestFirst(myDrafts));
    assertThat(all(sample, f.author, me, "true", 2)).containsExactlyElementsOf(newestFirst(myPublished));
    for (Caller caller : new Caller[] {f.other, f.moderator, f.admin}) {
      assertThat(all(sample, caller, me, null, 2)).containsExactlyElementsOf(newestFirst(myPublished));
      assertThat(all(sample, caller, me, "false", 2)).isEmpty();
    }
  }

  @ParameterizedTest
  @Event(value = "events/list-posts.json", type = APIGatewayV2HTTPEvent.class)
  void aCursorOnlyWorksForTheListingItCameFrom(APIGatewayV2HTTPEvent sample) {
    f.published(f.author, "one");
    f.published(f.author, "two");
    var first = f.body(f.call(handler, Requests.from(sample).as(f.other.userId(), f.other.role()).query("limit", "1")
        .query("authorId", f.author.userId()).build()));
    String cursor = first.at("/pagination/nextCursor").asText();
    for (String bad : new String[] {"garbage", cursor + "x", cursor.replace('.', '_')}) {
      f.problem(f.call(handler, Requests.from(sample).as(f.other.userId(), f.other.role()).query("authorId", f.author.userId())
          .query("cursor", bad).build()), 400);
    }
    JsonNode problem = f.problem(f.call(handler, Requests.from(sample).as(f.other.userId(), f.other.role())
        .query("authorId", f.other.userId()).query("cursor", cursor).build()), 400);
    assertThat(problem.at("/errors/0/field").asText()).isEqualTo("cursor");
  }

  @ParameterizedTest
  @Event(value = "events/list-posts.json", type = APIGatewayV2HTTPEvent.class)
  void badQueryParametersAreNamed(APIGatewayV2HTTPEvent sample) {
    for (String[] bad : new String[][] {{"limit", "0"}, {"limit", "101"}, {"published", "yes"}, {"authorId", "nobody"}}) {
      // Requests.from changes the sample in place: start each case from a clean query.
      JsonNode problem = f.problem(f.call(handler, Requests.from(sample).as(f.other.userId(), f.other.role())
          .query("limit", "10").query("published", null).query("authorId", null).query(bad[0], bad[1]).build()), 400);
      assertThat(problem.at("/errors/0/field").asText()).isEqualTo(bad[0]);
    }
    var response = f.call(handler, Requests.from(sample).as(f.other.userId(), f.other.role()).query("limit", null)
        .query("published", null).query("authorId", null).build());
    assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
    assertThat(f.body(response).at("/pagination/limit").asInt()).isEqualTo(20);
  }
}
